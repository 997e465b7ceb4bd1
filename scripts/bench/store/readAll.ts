import type pg from 'pg';
import type { EventStore } from '../../../src/store/EventStore.js';
import { timed } from '../lib/timing.js';

export const PAGE = 1_000;

/** Reads the whole log through `readAll` from position 0, page by page; resolves to the event count. */
export async function readWholeLog(store: EventStore): Promise<number> {
  let count = 0;
  for (let from = 0n; ; ) {
    const page = await store.readAll({ fromPosition: from, limit: PAGE });
    if (page.events.length === 0) return count;
    count += page.events.length;
    from = page.nextPosition;
  }
}

/**
 * The same rows by a plain keyset scan on the primary key, as pg returns them (no visibility
 * horizon, no conversion to bigint, no JSON parsing).
 */
export async function scanWholeLog(pool: pg.Pool, schema: string): Promise<number> {
  let count = 0;
  for (let after = '0'; ; ) {
    const { rows } = await pool.query<{ global_position: string }>(
      `SELECT global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata,
              occurred_at, recorded_at
       FROM ${schema}.events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [after, PAGE],
    );
    if (rows.length === 0) return count;
    count += rows.length;
    after = rows[rows.length - 1]!.global_position;
  }
}

/**
 * Interleaves `passes` scans and readAlls; resolves to events read by each and the time they took.
 * readAll hides events above the oldest transaction running anywhere in the cluster (README
 * "Ordering guarantee"), so a long transaction elsewhere (a test file, another bench) can end a
 * pass early. Each readAll pass first waits until every row is visible, and a pass that still read
 * fewer rows than the scan (the horizon fell back during it) is run again and its time discarded.
 */
export async function readAllVsScan(store: EventStore, pool: pg.Pool, schema: string, passes: number) {
  let events = 0;
  let readAllMs = 0;
  let scanMs = 0;
  for (let i = 0; i < passes; i++) {
    scanMs += await timed(async () => void (events = await scanWholeLog(pool, schema)));
    for (let attempt = 1; ; attempt++) {
      await visibleUpTo(store, pool, schema);
      let n = 0;
      const ms = await timed(async () => void (n = await readWholeLog(store)));
      if (n === events) {
        readAllMs += ms;
        break;
      }
      if (attempt === 5) throw new Error(`readAll read ${n} events, the scan ${events}, five times: a transaction elsewhere holds the horizon back`);
    }
  }
  return { events: events * passes, readAllMs, scanMs };
}

/** Waits (up to a minute) until readers see the last committed row. */
async function visibleUpTo(store: EventStore, pool: pg.Pool, schema: string): Promise<void> {
  const { rows } = await pool.query<{ p: string | null }>(`SELECT max(global_position)::text AS p FROM ${schema}.events`);
  const target = BigInt(rows[0]?.p ?? 0);
  const deadline = Date.now() + 60_000;
  while ((await store.headPosition()) < target) {
    if (Date.now() > deadline) throw new Error(`readers did not reach position ${target} within a minute: a transaction elsewhere holds the horizon back`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
