import type { UnitEvent } from '#events/registry.js';
import { unitStream } from '#events/streams.js';
import { unitDecider, type UnitState } from '../../domain/unit/index.js';
import type { EventStore } from '../../store/EventStore.js';
import type { CommandResult } from '../handleCommand.js';
import { loadStream } from '../loadStream.js';

/** The states of unit streams, as the contexts of unit and board rules need them. */
export interface UnitStates {
  get(code: string): Promise<UnitState>;
  /** Told what a command appended to `unit-<code>`, so a cache can stay in step without reading. */
  record(code: string, result: CommandResult<UnitEvent>): void;
}

export async function loadUnit(store: EventStore, code: string): Promise<{ state: UnitState; version: bigint }> {
  return loadStream(store, unitStream(code), unitDecider.initialState, unitDecider.evolve);
}

/** Reads every fact from the store: what a request handler does. */
export function storeUnitStates(store: EventStore): UnitStates {
  return {
    get: async (code) => (await loadUnit(store, code)).state,
    record: () => undefined,
  };
}

interface Cached {
  state: UnitState;
  version: bigint;
}

/**
 * Read-through cache for one run of the import: a unit is read from the store once, then kept in
 * step with the events the run's own commands append (checked by stream version, so a result that
 * does not follow the cached version makes it read again). Correct as long as nobody else writes
 * unit streams during the run; the import is the only writer of units in bulk.
 */
export class CachedUnitStates implements UnitStates {
  readonly #store: EventStore;
  readonly #cache = new Map<string, Promise<Cached>>();

  constructor(store: EventStore) {
    this.#store = store;
  }

  get(code: string): Promise<UnitState> {
    return this.#entry(code).then((cached) => cached.state);
  }

  record(code: string, result: CommandResult<UnitEvent>): void {
    if (result.events.length === 0) return;
    const previous = this.#cache.get(code);
    if (previous === undefined) return;
    const before = result.version - BigInt(result.events.length);
    this.#cache.set(code, previous.then((cached) => {
      if (cached.version >= result.version) return cached;
      if (cached.version !== before) return loadUnit(this.#store, code);
      // Each result event's type and data come from one decided UnitEvent; the cast restores the pairing.
      const state = result.events.reduce((s, e) => unitDecider.evolve(s, { type: e.type, data: e.data } as UnitEvent), cached.state);
      return { state, version: result.version };
    }));
  }

  #entry(code: string): Promise<Cached> {
    let entry = this.#cache.get(code);
    if (entry === undefined) {
      entry = loadUnit(this.#store, code);
      this.#cache.set(code, entry);
      // A failed read is not cached: the next get tries again.
      entry.catch(() => this.#cache.delete(code));
    }
    return entry;
  }
}
