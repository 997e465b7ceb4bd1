import { randomUUID } from 'node:crypto';
import { encodeEvent, type DomainEvent } from '#events/registry.js';
import { ApiError } from '../errors/ApiError.js';
import { ExpectedVersionConflict } from '../store/errors.js';
import type { EventMetadata, EventStore } from '../store/EventStore.js';
import { loadStream } from './loadStream.js';

/** The decide/evolve pair of one stream, as src/domain exports it. */
export interface StreamDecider<State, Cmd, Event extends DomainEvent, Ctx> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  evolveAll?: (state: State, events: readonly Event[]) => State;
  decide: (command: Cmd, state: State, context: Ctx) => Event[];
}

export interface HandleCommandInput<State, Cmd, Event extends DomainEvent, Ctx> {
  store: EventStore;
  streamId: string;
  decider: StreamDecider<State, Cmd, Event, Ctx>;
  command: Cmd;
  /** Loads the facts the command's rules need; called again on every retry (they may have moved). */
  loadContext: (state: State) => Promise<Ctx>;
  /** The domain's effective time of each event (e.g. a visit's start date). */
  occurredAt: (event: Event) => Date;
  metadata: EventMetadata;
  /** From If-Match: the version the caller saw. A mismatch is 412 and is never retried. */
  ifMatch?: bigint;
  /** Stream keys the new events claim (e.g. `visit:<id>`), see EventStore.appendToStream. */
  keys?: (events: readonly Event[]) => string[];
  maxAttempts?: number;
  newEventId?: () => string;
}

export interface CommandResult<Event extends DomainEvent = DomainEvent> {
  streamId: string;
  /** The stream's version after the command (unchanged when it decided nothing). */
  version: bigint;
  /** Position of the last appended event, or of nothing (0) when nothing was appended. */
  position: bigint;
  events: { id: string; type: Event['type']; data: Event['data'] }[];
}

/**
 * Load → decide → append with the loaded version as the expected one. Another writer in between
 * makes the append fail with ExpectedVersionConflict; the command is then decided again on the
 * fresh state (bounded), which is how "exactly one of 20 concurrent assignments wins" holds.
 */
export async function handleCommand<State, Cmd, Event extends DomainEvent, Ctx>(
  input: HandleCommandInput<State, Cmd, Event, Ctx>,
): Promise<CommandResult<Event>> {
  const attempts = input.ifMatch === undefined ? (input.maxAttempts ?? 5) : 1;
  const newId = input.newEventId ?? randomUUID;
  for (let attempt = 1; ; attempt++) {
    const { state, version } = await loadStream(input.store, input.streamId, input.decider.initialState, input.decider.evolve, input.decider.evolveAll);
    if (input.ifMatch !== undefined && input.ifMatch !== version) {
      throw new ApiError('PRECONDITION_FAILED', `If-Match is ${input.ifMatch} but ${input.streamId} is at version ${version}`, 'If-Match');
    }
    const context = await input.loadContext(state);
    const decided = input.decider.decide(input.command, state, context);
    if (decided.length === 0) return { streamId: input.streamId, version, position: 0n, events: [] };
    const events = decided.map((event) => ({ id: newId(), event, encoded: encodeEvent(event) }));
    try {
      const result = await input.store.appendToStream(
        input.streamId,
        events.map(({ id, event, encoded }) => ({
          eventId: id,
          type: encoded.type,
          schemaVersion: encoded.schemaVersion,
          data: encoded.data,
          metadata: input.metadata,
          occurredAt: input.occurredAt(event),
        })),
        { expectedVersion: version, ...(input.keys ? { keys: input.keys(decided) } : {}) },
      );
      return {
        streamId: input.streamId,
        version: result.nextExpectedVersion,
        position: result.positions[result.positions.length - 1] ?? 0n,
        events: events.map(({ id, event }) => ({ id, type: event.type, data: event.data })),
      };
    } catch (err) {
      if (err instanceof ExpectedVersionConflict && attempt < attempts) continue;
      if (err instanceof ExpectedVersionConflict && input.ifMatch !== undefined) {
        throw new ApiError('PRECONDITION_FAILED', `${input.streamId} changed while the command ran`, 'If-Match');
      }
      throw err;
    }
  }
}
