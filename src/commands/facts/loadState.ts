import type { DomainEvent } from '#events/registry.js';
import type { EventStore } from '../../store/EventStore.js';
import { loadStream } from '../loadStream.js';

/** The current state of another stream, for the facts a rule needs from it. */
export async function loadState<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: {
    readonly initialState: () => State;
    readonly evolve: (state: State, event: Event) => State;
    readonly evolveAll?: (state: State, events: readonly Event[]) => State;
  },
): Promise<State> {
  return (await loadStream(store, streamId, decider.initialState, decider.evolve, decider.evolveAll)).state;
}
