/**
 * The event store port: what the rest of diaban needs from an event store, and nothing more.
 * Adapters (PostgreSQL/PGlite here; KurrentDB later) translate their vendor's types and errors into
 * these. Positions and versions are bigint end to end.
 */

/** `any`; `no_stream` (version 0); `stream_exists` (version ≥ 1); or the exact current version. */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** Who and what caused an event; recorded with every event. */
export interface EventMetadata {
  actor: string | null;
  role: string | null;
  correlationId: string | null;
  causationId: string | null;
  requestId: string | null;
}

export interface NewEvent<Data = unknown> {
  /** A UUID chosen by the caller: appending the same ids again is idempotent. */
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  /** The domain's effective date/time (e.g. the day a visit started), given by the caller. */
  occurredAt: Date;
}

export interface StoredEvent<Data = unknown> {
  globalPosition: bigint;
  streamId: string;
  /** 1 for a stream's first event. */
  streamVersion: bigint;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  /** The exact serialized data as stored (what the ledger hashes). */
  rawData: string;
  metadata: EventMetadata;
  occurredAt: Date;
  /** When the store committed the event (millisecond precision). */
  recordedAt: Date;
}

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
  /**
   * Keys naming this stream (e.g. `visit:<id>`), claimed atomically with the events; a key already
   * held by another stream fails the append with StreamKeyConflict. See `lookupStream`.
   */
  keys?: readonly string[];
}

export interface AppendResult {
  /** The stream's version after the append (the version of its last event). */
  nextExpectedVersion: bigint;
  /** Global positions of the appended events, in order. */
  positions: bigint[];
}

export interface ReadStreamOptions {
  /** Inclusive; defaults to the first (forward) or last (backward) event. */
  fromVersion?: bigint;
  /** Inclusive bound in the direction of reading. */
  toVersion?: bigint;
  direction?: 'forward' | 'backward';
  limit?: number;
}

export interface ReadAllOptions {
  /** Inclusive. Default 1. */
  fromPosition?: bigint;
  limit?: number;
  types?: readonly string[];
}

export interface ReadAllPage {
  events: StoredEvent[];
  /**
   * Where the next read starts. Past the last event returned, or past the visible head when the page
   * is not full, so a reader filtering by type moves on over events it did not ask for.
   */
  nextPosition: bigint;
}

/**
 * Receives each batch; `scannedTo` is the last position the batch covers, which a reader filtering
 * by type may checkpoint even when the batch holds none of its events (it is then called with []).
 */
export type BatchHandler = (events: readonly StoredEvent[], scannedTo: bigint) => Promise<void> | void;

export interface SubscribeOptions {
  /** Inclusive. */
  fromPosition: bigint;
  /** Called with each batch, in ascending position, never concurrently. */
  handler: BatchHandler;
  types?: readonly string[];
  batchSize?: number;
  /** Poll even without a notification, in case one is lost. Default 1000 ms. */
  pollIntervalMs?: number;
}

export interface Subscription {
  /** Stops after the batch in flight, if any; resolves once stopped. */
  stop(): Promise<void>;
  /** Resolves when stopped; rejects with the handler's or the store's error. */
  readonly done: Promise<void>;
  /** The next position the subscription will read. */
  readonly position: bigint;
}

export interface EventStore {
  appendToStream(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /** 0 when the stream does not exist. */
  streamVersion(streamId: string): Promise<bigint>;
  /** The highest position a reader may see now (0 when empty). */
  headPosition(): Promise<bigint>;
  /**
   * The highest position committed now (0 when empty). Readers may not see it yet: the head stops
   * below any transaction still running (README "Ordering guarantee"), so headPosition() ≤ this.
   * Waiting until the head reaches it is how to read everything written before a moment.
   */
  committedPosition(): Promise<bigint>;
  /** The stream that claimed `key`, or null. */
  lookupStream(key: string): Promise<string | null>;
  subscribe(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
