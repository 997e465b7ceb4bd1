import { sql } from 'kysely';
import { integerArrayLiteral, textArrayLiteral } from '../../db/arrayLiteral.js';
import type { CompletedNodes } from '../compactRange.js';
import type { Executor } from './ledgerRows.js';

/** A stored perfect subtree that is not the one rebuilt from the leaves. */
export interface NodeMismatch {
  level: number;
  index: bigint;
  /** No row at all, rather than a row with another hash. */
  missing: boolean;
}

/** Nodes a statement: about 16 pages of 1,000 leaves. A statement a page cost verify 15 % of its time, this about 3 %. */
export const NODE_BATCH = 2048;

/**
 * Holds the perfect subtrees `diaban verify` rebuilds from the leaves to the rows of ledger_nodes
 * that proofs are served from (levels from LOWEST_STORED_LEVEL up). The rebuilt root alone does not
 * cover them: a changed node leaves every checkpoint's root intact while every inclusion proof
 * through it fails offline, and a consistency proof only crosses a few. The caller sends the nodes
 * in batches (NODE_BATCH), one statement each, without waiting while the next pages are checked.
 */
export class StoredNodeCheck {
  readonly #pending: Promise<NodeMismatch | undefined>[] = [];

  constructor(private readonly db: Executor) {}

  /** Asks, without waiting for the answer, whether these nodes are stored as rebuilt. */
  send(nodes: CompletedNodes): void {
    if (nodes.levels.length === 0) return;
    const answer = firstMismatch(this.db, nodes);
    // A caller that stops at an earlier failure may never await it.
    answer.catch(() => undefined);
    this.#pending.push(answer);
  }

  /** The first mismatch among the nodes sent, in the order sent, waiting for all but the newest `inFlight` answers. */
  async settled(inFlight: number): Promise<NodeMismatch | undefined> {
    while (this.#pending.length > inFlight) {
      const mismatch = await this.#pending.shift()!;
      if (mismatch) return mismatch;
    }
    return undefined;
  }
}

/** The first of `nodes` (in their order) whose stored row is missing or holds another hash. */
async function firstMismatch(db: Executor, nodes: CompletedNodes): Promise<NodeMismatch | undefined> {
  const rows = await sql<{ level: number; idx: string | bigint; missing: boolean }>`
    SELECT t.level, t.idx::text AS idx, s.hash IS NULL AS missing
    FROM unnest(${integerArrayLiteral(nodes.levels)}::smallint[], ${integerArrayLiteral(nodes.indices)}::bigint[], ${textArrayLiteral(nodes.hashes)}::text[])
      WITH ORDINALITY AS t(level, idx, hash, n)
    LEFT JOIN ledger_nodes s ON s.level = t.level AND s.idx = t.idx
    WHERE s.hash IS DISTINCT FROM decode(t.hash, 'base64')
    ORDER BY t.n LIMIT 1`.execute(db);
  const row = rows.rows[0];
  return row ? { level: Number(row.level), index: BigInt(row.idx), missing: row.missing } : undefined;
}
