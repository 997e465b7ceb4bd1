import pg from 'pg';
import type { Contender } from './runner.js';
import type { BenchEvent } from './workload.js';

/**
 * The ceiling: what PostgreSQL does with a plain INSERT of the same row, in its own transaction,
 * through the same driver. The table has the events table's columns, primary key and indexes (so the
 * ceiling pays the same index maintenance), but no function, no locks, no checks: positions come from
 * a column default, the stream version from the caller.
 */
export function rawTableSql(schema: string): string {
  return `
CREATE TABLE ${schema}.raw_events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id       text        NOT NULL,
  stream_version  bigint      NOT NULL,
  event_id        uuid        NOT NULL UNIQUE,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL,
  data            text        NOT NULL,
  metadata        text        NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, stream_version)
);
CREATE INDEX ON ${schema}.raw_events (type, global_position);`;
}

const COLUMNS = '(stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)';

export function rawContender(pool: pg.Pool, schema: string): Contender {
  const table = `${schema}.raw_events`;
  const values = (streamId: string, version: bigint, e: BenchEvent) => [
    streamId,
    version.toString(),
    e.eventId,
    e.type,
    1,
    JSON.stringify(e.data),
    JSON.stringify(e.metadata),
    e.occurredAt.toISOString(),
  ];
  return {
    async appendOne(target, event) {
      await pool.query(
        `INSERT INTO ${table} ${COLUMNS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        values(target.streamId, target.expectedVersion + 1n, event),
      );
    },
    async appendBatch(streamId, events) {
      const params = events.flatMap((e, i) => values(streamId, BigInt(i + 1), e));
      const tuples = events.map((_, i) => `(${Array.from({ length: 8 }, (_, c) => `$${i * 8 + c + 1}`).join(', ')})`);
      await pool.query(`INSERT INTO ${table} ${COLUMNS} VALUES ${tuples.join(', ')}`, params);
    },
    close: () => pool.end(),
  };
}
