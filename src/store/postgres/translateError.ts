import {
  EventIdConflict,
  EventImmutable,
  ExpectedVersionConflict,
  InvalidStoreArgument,
  StoreError,
  StoreUnavailable,
  StreamKeyConflict,
} from '../errors.js';
import type { ExpectedVersion } from '../EventStore.js';

/** The fields pg's DatabaseError and PGlite's error share. */
interface PgLikeError {
  code?: string;
  detail?: string;
  constraint?: string;
  message?: string;
}

/**
 * Turns what PostgreSQL (through pg or PGlite) raised into the port's errors. SQLSTATEs starting with
 * DB are raised by append_to_stream (0001_events migration).
 */
export function translateError(err: unknown, streamId: string, expected: ExpectedVersion): StoreError {
  if (err instanceof StoreError) return err;
  const e = (err ?? {}) as PgLikeError;
  switch (e.code) {
    case 'DBEVC':
      return new ExpectedVersionConflict(streamId, expected, BigInt(e.detail ?? '0'));
    case 'DBEID':
      return new EventIdConflict(streamId);
    case 'DBKEY':
      return new StreamKeyConflict(streamId);
    case 'DBIMM':
      return new EventImmutable(e.message ?? 'events are append-only');
    case '22023':
    case '22P02':
    case '22007':
    case '22008':
      return new InvalidStoreArgument(e.message ?? 'invalid event');
    case '23505':
      // A race the function's checks could not see: the unique indexes decide.
      if (e.constraint === 'stream_keys_pkey') return new StreamKeyConflict(streamId);
      if (e.constraint === 'events_event_id_key') return new EventIdConflict(streamId);
      if (e.constraint === 'events_stream_version_key') return new ExpectedVersionConflict(streamId, expected, -1n);
      break;
    case '42501':
      return new EventImmutable(e.message ?? 'permission denied');
  }
  return new StoreUnavailable(`event store failed: ${e.message ?? String(err)}`, { cause: err });
}
