import { sql } from 'kysely';
import type { Executor } from './ledgerRows.js';

/**
 * A leaf as the verifier scans it: the hash in base64 (how the next leaf's `prev` spells it), and
 * instead of the bytes, whether they hash to the stored leaf hash.
 */
export interface LeafScanRow {
  leaf_index: string;
  global_position: string;
  stream_id: string;
  leaf_hash: string;
  /** sha256(0x00 ‖ leaf_bytes) = leaf_hash, computed where the bytes are. */
  bytes_ok: boolean;
}

/**
 * Rows of a keyset scan in pages, the next page already requested while the caller works through
 * the current one: the database reads and sends page k + 1 while this process hashes page k (two
 * cores instead of taking turns on one). `take` answers from the current page; `refill` waits for
 * the next one and answers false once the scan is done.
 */
export class ReadAhead<R> {
  #page: R[] = [];
  #at = 0;
  #pending: Promise<R[]> | undefined;

  constructor(
    private readonly fetchAfter: (last: R | undefined) => Promise<R[]>,
    private readonly pageSize: number,
  ) {
    this.#pending = this.#request(undefined);
  }

  take(): R | undefined {
    return this.#at < this.#page.length ? this.#page[this.#at++] : undefined;
  }

  async refill(): Promise<boolean> {
    if (!this.#pending) return false;
    this.#page = await this.#pending;
    this.#at = 0;
    const last = this.#page[this.#page.length - 1];
    this.#pending = this.#page.length === this.pageSize ? this.#request(last) : undefined;
    return this.#page.length > 0;
  }

  async next(): Promise<R | undefined> {
    return this.take() ?? ((await this.refill()) ? this.take() : undefined);
  }

  #request(last: R | undefined): Promise<R[]> {
    const page = this.fetchAfter(last);
    // A caller that stops early (a failure found) never awaits the page in flight.
    page.catch(() => undefined);
    return page;
  }
}

/** Leaves in leaf-index order. */
export function scanLeaves(db: Executor, pageSize: number): ReadAhead<LeafScanRow> {
  return new ReadAhead(async (last) => {
    const after = last ? last.leaf_index.toString() : '-1';
    return (
      await sql<LeafScanRow>`
        SELECT l.leaf_index::text, l.global_position::text, l.stream_id, encode(l.leaf_hash, 'base64') AS leaf_hash,
               sha256('\\x00'::bytea || l.leaf_bytes) = l.leaf_hash AS bytes_ok
        FROM ledger_leaves l WHERE l.leaf_index > ${after}::bigint ORDER BY l.leaf_index LIMIT ${pageSize}`.execute(db)
    ).rows;
  }, pageSize);
}

/**
 * An event as the verifier's fast path splices it into leaf text. Counters come as text (pg's int8
 * parser, run twice a row, showed in the profile), timestamps already spelled as Date#toISOString
 * spells years 0001–9999; any other spelling only sends that leaf down the exact path.
 */
export interface EventScanRow {
  global_position: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  occurred_at: string;
  recorded_at: string;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * Committed events in position order, straight from the table: the sealed range lies below every
 * in-flight append, so the horizon readAll applies for subscribers changes nothing here.
 */
export function scanEvents(db: Executor, pageSize: number): ReadAhead<EventScanRow> {
  return new ReadAhead(async (last) => {
    const after = last ? last.global_position : '0';
    return (
      await sql<EventScanRow>`
        SELECT e.global_position::text, e.stream_id, e.stream_version::text, e.event_id, e.type, e.schema_version, e.data, e.metadata,
               to_char(e.occurred_at AT TIME ZONE 'UTC', ${sql.raw(ISO)}) AS occurred_at,
               to_char(e.recorded_at AT TIME ZONE 'UTC', ${sql.raw(ISO)}) AS recorded_at
        FROM events e WHERE e.global_position > ${after}::bigint ORDER BY e.global_position LIMIT ${pageSize}`.execute(db)
    ).rows;
  }, pageSize);
}
