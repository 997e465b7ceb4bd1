import type { ExpectedVersion } from './EventStore.js';

/** Errors of the store port. Adapters translate their vendor's errors into these. */
export abstract class StoreError extends Error {
  abstract readonly code: string;
}

export class ExpectedVersionConflict extends StoreError {
  readonly code = 'STORE_EXPECTED_VERSION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's actual version (0 when it does not exist). */
    readonly actual: bigint,
  ) {
    super(`stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
    this.name = 'ExpectedVersionConflict';
  }
}

export class EventIdConflict extends StoreError {
  readonly code = 'STORE_EVENT_ID_CONFLICT';
  constructor(readonly streamId: string) {
    super(`stream ${streamId}: event ids already used with other content or in another stream`);
    this.name = 'EventIdConflict';
  }
}

export class StreamKeyConflict extends StoreError {
  readonly code = 'STORE_STREAM_KEY_CONFLICT';
  constructor(readonly streamId: string) {
    super(`stream ${streamId}: a key it claims already names another stream`);
    this.name = 'StreamKeyConflict';
  }
}

export class InvalidStoreArgument extends StoreError {
  readonly code = 'STORE_INVALID_ARGUMENT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStoreArgument';
  }
}

/** The database refused to change or remove an event (append-only). */
export class EventImmutable extends StoreError {
  readonly code = 'STORE_EVENT_IMMUTABLE';
  constructor(message: string) {
    super(message);
    this.name = 'EventImmutable';
  }
}

/** Anything else the database said; the vendor error is kept as `cause` for logs, not for callers. */
export class StoreUnavailable extends StoreError {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}
