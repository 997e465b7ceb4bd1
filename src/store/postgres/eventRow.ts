import type { EventMetadata, StoredEvent } from '../EventStore.js';

/**
 * An events row as pg or PGlite return it (int8 may come as string or bigint), selected with
 * `eventColumns`: the timestamps as epoch milliseconds.
 */
export interface EventRow {
  global_position: string | bigint | number;
  stream_id: string;
  stream_version: string | bigint | number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  occurred_at: string | bigint | number;
  recorded_at: string | bigint | number;
}

/**
 * The select list for EventRow, columns prefixed with `alias`. The two timestamps come as epoch
 * milliseconds (floor, like a JavaScript Date of the timestamptz): pg's text parser for timestamptz
 * costs about four times `new Date(ms)`, and with two per row it was the largest cost of readAll after
 * JSON.parse. Both have millisecond precision anyway (occurredAt comes from a Date, recorded_at is
 * truncated to milliseconds by append_to_stream).
 */
export function eventColumns(alias: string): string {
  const a = `${alias}.`;
  return [
    `${a}global_position`,
    `${a}stream_id`,
    `${a}stream_version`,
    `${a}event_id`,
    `${a}type`,
    `${a}schema_version`,
    `${a}data`,
    `${a}metadata`,
    `floor(extract(epoch FROM ${a}occurred_at) * 1000)::int8 AS occurred_at`,
    `floor(extract(epoch FROM ${a}recorded_at) * 1000)::int8 AS recorded_at`,
  ].join(', ');
}

export function toBigint(v: string | bigint | number): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

function toDate(epochMs: string | bigint | number): Date {
  return new Date(Number(epochMs));
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    globalPosition: toBigint(row.global_position),
    streamId: row.stream_id,
    streamVersion: toBigint(row.stream_version),
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as unknown,
    rawData: row.data,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    occurredAt: toDate(row.occurred_at),
    recordedAt: toDate(row.recorded_at),
  };
}
