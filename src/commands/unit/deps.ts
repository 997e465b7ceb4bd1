import type { IsoDate } from '#events/common.js';
import type { Actor } from '../../domain/actor.js';
import type { CommandMetadata } from '../../domain/command.js';
import type { EventMetadata, EventStore } from '../../store/EventStore.js';
import type { UnitStates } from './unitStates.js';

/** What every unit handler needs. */
export interface UnitHandlerDeps {
  store: EventStore;
  now(): Date;
  /**
   * Where the facts of other unit streams come from (parents, merged units, successors). Default:
   * read from the store on every command. The import passes a cache of what it read and wrote itself.
   */
  units?: UnitStates;
}

/**
 * The ids that tie events to the request that caused them (the actor comes as its own argument),
 * and the If-Match version of the command's stream, if the caller sent one (a mismatch is 412).
 */
export type RequestMetadata = Partial<Pick<EventMetadata, 'requestId' | 'correlationId' | 'causationId'>> & { ifMatch?: bigint };

export function eventMetadata(actor: Actor, metadata: RequestMetadata): EventMetadata {
  return {
    actor: actor.userId,
    role: actor.role,
    requestId: metadata.requestId ?? null,
    correlationId: metadata.correlationId ?? null,
    causationId: metadata.causationId ?? null,
  };
}

export function commandMetadata(deps: Pick<UnitHandlerDeps, 'now'>, actor: Actor): CommandMetadata {
  return { now: deps.now().toISOString(), actor };
}

/**
 * The instant a unit change takes effect: the start of its effective date in Vietnam (UTC+07:00),
 * so that `occurredAt` falls on the same calendar day the decision names.
 */
export function startOfDayInVietnam(date: IsoDate): Date {
  return new Date(`${date}T00:00:00+07:00`);
}
