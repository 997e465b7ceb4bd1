import { sql } from 'kysely';
import type { CompletedNodes } from '../compactRange.js';
import type { Executor } from './ledgerRows.js';

/** A stored perfect subtree that is not the one rebuilt from the leaves. */
export interface NodeMismatch {
  level: number;
  index: bigint;
  /** No row at all, rather than a row with another hash. */
  missing: boolean;
}

/**
 * Holds the perfect subtrees `diaban verify` rebuilds from the leaves to the rows of ledger_nodes
 * that proofs are served from (levels from LOWEST_STORED_LEVEL up). The rebuilt root alone does not
 * cover them: a changed node leaves every checkpoint's root intact while every inclusion proof
 * through it fails offline, and a consistency proof only crosses a few. The nodes go to the
 * database in batches of one statement each, sent without waiting while the next pages are checked.
 */
export class StoredNodeCheck {
  readonly #pending: Promise<NodeMismatch | undefined>[] = [];
  #batch: CompletedNodes = { levels: [], indices: [], hashes: [] };

  constructor(
    private readonly db: Executor,
    /** Nodes a statement: about 16 pages of 1,000 leaves. A statement a page cost verify 15 % of its time, this 3 %. */
    private readonly batchSize = 2048,
  ) {}

  /** Takes these nodes in; once a batch is full, asks about it without waiting for the answer. */
  add(nodes: CompletedNodes): void {
    const batch = this.#batch;
    for (let i = 0; i < nodes.levels.length; i++) {
      batch.levels.push(nodes.levels[i]!);
      batch.indices.push(nodes.indices[i]!);
      batch.hashes.push(nodes.hashes[i]!);
    }
    if (batch.levels.length >= this.batchSize) this.#send();
  }

  /** The first mismatch among the batches sent, in order, waiting for all but the newest `inFlight` answers. */
  async settled(inFlight: number): Promise<NodeMismatch | undefined> {
    while (this.#pending.length > inFlight) {
      const mismatch = await this.#pending.shift()!;
      if (mismatch) return mismatch;
    }
    return undefined;
  }

  /** The first mismatch among every node taken in. */
  async all(): Promise<NodeMismatch | undefined> {
    this.#send();
    return this.settled(0);
  }

  #send(): void {
    const batch = this.#batch;
    if (batch.levels.length === 0) return;
    this.#batch = { levels: [], indices: [], hashes: [] };
    const answer = firstMismatch(this.db, batch);
    // A caller that stops at an earlier failure may never await it.
    answer.catch(() => undefined);
    this.#pending.push(answer);
  }
}

/** The first of `nodes` (in their order) whose stored row is missing or holds another hash. */
async function firstMismatch(db: Executor, nodes: CompletedNodes): Promise<NodeMismatch | undefined> {
  const rows = await sql<{ level: number; idx: string | bigint; missing: boolean }>`
    SELECT t.level, t.idx::text AS idx, s.hash IS NULL AS missing
    FROM unnest(${nodes.levels}::smallint[], ${nodes.indices.map(String)}::bigint[], ${nodes.hashes}::text[]) WITH ORDINALITY AS t(level, idx, hash, n)
    LEFT JOIN ledger_nodes s ON s.level = t.level AND s.idx = t.idx
    WHERE s.hash IS DISTINCT FROM decode(t.hash, 'base64')
    ORDER BY t.n LIMIT 1`.execute(db);
  const row = rows.rows[0];
  return row ? { level: Number(row.level), index: BigInt(row.idx), missing: row.missing } : undefined;
}
