import { ExpectedVersionConflict } from '../store/errors.js';
import type {
  AppendOptions, AppendResult, EventStore, NewEvent, ReadAllOptions, ReadAllPage, ReadStreamOptions, StoredEvent,
  SubscribeOptions, Subscription,
} from '../store/EventStore.js';

const UNIT_TYPES = ['UnitEstablished', 'UnitRenamed', 'UnitReparented', 'UnitsMerged', 'UnitDissolved'];
const PAGE = 10_000;

/**
 * An EventStore for one import run that answers `readStream` on unit streams from memory: what one
 * `readAll` pass found at the start, plus what the run itself appended. The handlers still load,
 * decide and append with the expected version, so the database still guards every write: a
 * stream someone else changed meanwhile fails its append with ExpectedVersionConflict, the stream is
 * dropped from memory, and the handler's retry reads it from the database. It halves the queries of
 * a whole-country import (about 28,000 commands). Events it appended are kept as they were given:
 * their `rawData` and `recordedAt` are not the stored ones, which the handlers never read.
 */
export class UnitStreamCache implements EventStore {
  readonly #inner: EventStore;
  readonly #streams = new Map<string, StoredEvent[]>();
  /** False when the preload could not see everything committed: every stream is read from the database. */
  #inMemory = true;
  /** Streams whose memory was dropped: read from the database from now on. */
  readonly #bypassed = new Set<string>();

  private constructor(inner: EventStore) {
    this.#inner = inner;
  }

  /**
   * Reads every unit event committed before the run into memory. A reader's head stops below any
   * transaction still running in the cluster (a rebuild holds one for seconds), so it first waits
   * until the head covers what is committed now: a unit established a moment ago and hidden from
   * `readAll` would be missing from memory, and a command on it refused as UNIT_NOT_FOUND, a
   * refusal no expected-version check would catch. Past `waitMs` the run reads every stream from
   * the database instead: slower, never wrong.
   */
  static async preload(inner: EventStore, waitMs = 30_000): Promise<UnitStreamCache> {
    const cache = new UnitStreamCache(inner);
    if (!(await headCovers(inner, await inner.committedPosition(), waitMs))) {
      cache.#inMemory = false;
      return cache;
    }
    let fromPosition = 1n;
    for (;;) {
      const page = await inner.readAll({ fromPosition, limit: PAGE, types: UNIT_TYPES });
      for (const event of page.events) cache.#streams.set(event.streamId, [...(cache.#streams.get(event.streamId) ?? []), event]);
      if (page.events.length < PAGE) return cache;
      fromPosition = page.nextPosition;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const simple = (options.direction ?? 'forward') === 'forward' && options.toVersion === undefined;
    if (!this.#inMemory || !isUnitStream(streamId) || this.#bypassed.has(streamId) || !simple) return this.#inner.readStream(streamId, options);
    const from = options.fromVersion ?? 1n;
    const events = (this.#streams.get(streamId) ?? []).filter((event) => event.streamVersion >= from);
    return options.limit === undefined ? events : events.slice(0, options.limit);
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    try {
      const result = await this.#inner.appendToStream(streamId, events, options);
      if (this.#inMemory && isUnitStream(streamId) && !this.#bypassed.has(streamId)) this.#remember(streamId, events, result);
      return result;
    } catch (error) {
      if (error instanceof ExpectedVersionConflict) {
        this.#streams.delete(streamId);
        this.#bypassed.add(streamId);
      }
      throw error;
    }
  }

  #remember(streamId: string, events: readonly NewEvent[], result: AppendResult): void {
    const known = this.#streams.get(streamId) ?? [];
    const first = result.nextExpectedVersion - BigInt(events.length) + 1n;
    // An idempotent replay returns the first append's result: nothing new to remember.
    if (first <= BigInt(known.length)) return;
    const recordedAt = new Date();
    const stored = events.map((event, i): StoredEvent => ({
      globalPosition: result.positions[i] ?? 0n,
      streamId,
      streamVersion: first + BigInt(i),
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      rawData: JSON.stringify(event.data),
      metadata: event.metadata,
      occurredAt: event.occurredAt,
      recordedAt,
    }));
    this.#streams.set(streamId, [...known, ...stored]);
  }

  readAll(options?: ReadAllOptions): Promise<ReadAllPage> {
    return this.#inner.readAll(options);
  }

  streamVersion(streamId: string): Promise<bigint> {
    return this.#inner.streamVersion(streamId);
  }

  headPosition(): Promise<bigint> {
    return this.#inner.headPosition();
  }

  committedPosition(): Promise<bigint> {
    return this.#inner.committedPosition();
  }

  lookupStream(key: string): Promise<string | null> {
    return this.#inner.lookupStream(key);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return this.#inner.subscribe(options);
  }

  /** The run does not own the store it wraps. */
  async close(): Promise<void> {}
}

function isUnitStream(streamId: string): boolean {
  return streamId.startsWith('unit-');
}

async function headCovers(store: EventStore, position: bigint, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while ((await store.headPosition()) < position) {
    if (Date.now() >= deadline) return false;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  return true;
}
