import { sql } from 'kysely';
import { eventColumns, type EventRow } from '../../store/postgres/eventRow.js';
import type { Executor } from './ledgerRows.js';

/**
 * A leaf as the verifier scans it: the hash in base64 (how the next leaf's `prev` spells it), and
 * instead of the bytes, whether they hash to the stored leaf hash.
 */
export interface LeafScanRow {
  leaf_index: string | bigint;
  global_position: string | bigint;
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
        SELECT leaf_index, global_position, stream_id, encode(leaf_hash, 'base64') AS leaf_hash,
               sha256('\\x00'::bytea || leaf_bytes) = leaf_hash AS bytes_ok
        FROM ledger_leaves WHERE leaf_index > ${after}::bigint ORDER BY leaf_index LIMIT ${pageSize}`.execute(db)
    ).rows;
  }, pageSize);
}

/**
 * Committed events in position order, straight from the table: the sealed range lies below every
 * in-flight append, so the horizon readAll applies for subscribers changes nothing here.
 */
export function scanEvents(db: Executor, pageSize: number): ReadAhead<EventRow> {
  return new ReadAhead(async (last) => {
    const after = last ? last.global_position.toString() : '0';
    return (
      await sql<EventRow>`
        SELECT ${sql.raw(eventColumns('e'))} FROM events e
        WHERE e.global_position > ${after}::bigint ORDER BY e.global_position LIMIT ${pageSize}`.execute(db)
    ).rows;
  }, pageSize);
}
