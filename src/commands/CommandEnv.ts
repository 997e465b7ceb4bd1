import type { IsoDate } from '#events/common.js';
import type { Actor } from '../domain/actor.js';
import type { CommandMetadata } from '../domain/command.js';
import { todayInVietnam } from '../domain/time.js';
import type { EventMetadata, EventStore } from '../store/EventStore.js';

/**
 * What every command handler gets from its caller (an HTTP route, a CLI command, a process): the
 * store, who acts, the clock reading for this command, and the envelope metadata its events carry.
 */
export interface CommandEnv {
  readonly store: EventStore;
  readonly actor: Actor;
  readonly now: Date;
  readonly metadata: EventMetadata;
  /** From If-Match: the version of the command's stream the caller saw. */
  readonly ifMatch?: bigint;
  /**
   * Set by an import of past records (the demo's history): visits and reports then carry
   * `transcribedFrom`, so that inspection does not read the late recording as a late filing. No HTTP
   * route sets it: a user records what happens now.
   */
  readonly transcription?: { readonly source: string };
}

/** The `transcribedFrom` field of a visit or report recorded under `env`, or nothing. */
export function transcribed(env: CommandEnv): { transcribedFrom?: string } {
  return env.transcription ? { transcribedFrom: env.transcription.source } : {};
}

export function commandMetadata(env: CommandEnv): CommandMetadata {
  return { now: env.now.toISOString(), actor: env.actor };
}

export function todayOf(env: CommandEnv): IsoDate {
  return todayInVietnam(env.now.toISOString());
}

/** The fields of handleCommand's input every handler passes the same way. */
export function envInput(env: CommandEnv): { store: EventStore; metadata: EventMetadata; ifMatch?: bigint } {
  return { store: env.store, metadata: env.metadata, ...(env.ifMatch !== undefined ? { ifMatch: env.ifMatch } : {}) };
}

/** A date as the store's occurredAt: midnight in Vietnam, the day an effective date names. */
export function dayStart(date: IsoDate): Date {
  return new Date(`${date}T00:00:00+07:00`);
}
