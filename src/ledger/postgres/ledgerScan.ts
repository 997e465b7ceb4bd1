import { CompiledQuery, sql } from 'kysely';
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
 * Rows of a scan in numbered pages, the next `depth` pages already requested while the caller works
 * through the current one: the database reads and sends pages k + 1 … k + depth (on as many
 * connections) while this process hashes page k. Pages are numbered, not keyed by the previous
 * page's last row, so none waits for another. `take` answers from the current page; `refill` moves
 * to the next page (possibly empty) and answers false once there are none; `next` takes across pages.
 */
export class PagedScan<R> {
  #page: R[] = [];
  #at = 0;
  #requested = 0;
  readonly #inFlight: Promise<R[]>[] = [];

  constructor(
    private readonly fetchPage: (page: number) => Promise<R[]>,
    private readonly pages: number,
    depth: number,
  ) {
    for (let i = 0; i < depth; i++) this.#request();
  }

  take(): R | undefined {
    return this.#at < this.#page.length ? this.#page[this.#at++] : undefined;
  }

  async refill(): Promise<boolean> {
    const pending = this.#inFlight.shift();
    if (!pending) return false;
    this.#request();
    this.#page = await pending;
    this.#at = 0;
    return true;
  }

  async next(): Promise<R | undefined> {
    for (;;) {
      const row = this.take();
      if (row !== undefined) return row;
      if (!(await this.refill())) return undefined;
    }
  }

  #request(): void {
    if (this.#requested >= this.pages) return;
    const page = this.fetchPage(this.#requested++);
    // A caller that stops early (a failure found) never awaits the pages in flight.
    page.catch(() => undefined);
    this.#inFlight.push(page);
  }
}

/** How the verifier pages through the first `size` leaves: `pageSize` leaf indices a page. */
export interface LeafPaging {
  size: bigint;
  pageSize: number;
  /** Pages requested ahead of the one being checked. */
  depth: number;
}

function pageBounds(p: LeafPaging, page: number): { lo: string; hi: string } {
  const lo = BigInt(page) * BigInt(p.pageSize);
  const hi = lo + BigInt(p.pageSize);
  return { lo: lo.toString(), hi: (hi < p.size ? hi : p.size).toString() };
}

function pageCount(p: LeafPaging): number {
  return Number((p.size + BigInt(p.pageSize) - 1n) / BigInt(p.pageSize));
}

/** Leaves [0, size) in leaf-index order, page k holding indices [k·pageSize, (k+1)·pageSize). */
export function scanLeaves(db: Executor, paging: LeafPaging): PagedScan<LeafScanRow> {
  return new PagedScan(async (page) => {
    const { lo, hi } = pageBounds(paging, page);
    return (
      await sql<LeafScanRow>`
        SELECT l.leaf_index::text, l.global_position::text, l.stream_id, encode(l.leaf_hash, 'base64') AS leaf_hash,
               sha256('\\x00'::bytea || l.leaf_bytes) = l.leaf_hash AS bytes_ok
        FROM ledger_leaves l WHERE l.leaf_index >= ${lo}::bigint AND l.leaf_index < ${hi}::bigint ORDER BY l.leaf_index`.execute(db)
    ).rows;
  }, pageCount(paging), paging.depth);
}

/**
 * An event as the verifier's fast path splices it into leaf text. Counters come as text (pg's int8
 * parser, run twice a row, showed in the profile); the instants as PostgreSQL's ISO text of the UTC
 * timestamp ('2025-03-14 07:30:00.12'), which `isoInstant` respells as Date#toISOString does (the
 * database's to_char spelling it cost 1.4 µs a value, a third of the scan's time in PostgreSQL).
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

/**
 * Committed events in position order, straight from the table, in the pages of `scanLeaves`: page k
 * ($1 = k·pageSize, $2 = the page's end) holds the events after the position of the last leaf
 * below $1, up to that of the last leaf below $2, so the pages together are every event up to the
 * last leaf's position, each once, whatever gaps or missing rows there are. (The sealed range lies
 * below every in-flight append, so the horizon readAll applies for subscribers changes nothing
 * here.) Also run by the verification worker (verifyWorker.js).
 */
export const EVENTS_PAGE_SQL = `
SELECT e.global_position::text, e.stream_id, e.stream_version::text, e.event_id, e.type, e.schema_version, e.data, e.metadata,
       (e.occurred_at AT TIME ZONE 'UTC')::text AS occurred_at, (e.recorded_at AT TIME ZONE 'UTC')::text AS recorded_at
FROM events e
WHERE e.global_position > coalesce((SELECT b.global_position FROM ledger_leaves b WHERE b.leaf_index < $1::bigint ORDER BY b.leaf_index DESC LIMIT 1), 0)
  AND e.global_position <= (SELECT b.global_position FROM ledger_leaves b WHERE b.leaf_index < $2::bigint ORDER BY b.leaf_index DESC LIMIT 1)
ORDER BY e.global_position`;

export function scanEvents(db: Executor, paging: LeafPaging): PagedScan<EventScanRow> {
  return new PagedScan(async (page) => {
    const { lo, hi } = pageBounds(paging, page);
    return (await db.executeQuery<EventScanRow>(CompiledQuery.raw(EVENTS_PAGE_SQL, [lo, hi]))).rows;
  }, pageCount(paging), paging.depth);
}
