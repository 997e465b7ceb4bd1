import { sql } from 'kysely';
import type { Database } from '../../db/Database.js';
import { eventColumns, toStoredEvent, type EventRow } from '../../store/postgres/eventRow.js';
import { openCheckpoint } from '../checkpoint.js';
import { CompactRangeBuilder, emptyCompactRange, rootOf, type CompactRange } from '../compactRange.js';
import { eventLeafBytesExact, eventLeafBytesFast } from '../eventLeaf.js';
import { equalBytes, leafHash, sha256Base64OfText, type Hash } from '../hashes.js';
import { LedgerError } from '../errors.js';
import { noteVerifier, type NoteVerifier } from '../signedNote.js';
import { verifyConsistency } from '../verifyProofs.js';
import { EventHashes } from './eventHashes.js';
import { eventLeafText } from './eventLeafText.js';
import { LedgerReader } from './LedgerReader.js';
import { scanEvents, scanLeaves, type EventScanRow, type LeafScanRow } from './ledgerScan.js';
import { LOWEST_STORED_LEVEL, toBigint, toBytes, type Executor } from './ledgerRows.js';
import { NODE_BATCH, StoredNodeCheck, type NodeMismatch } from './storedNodes.js';

export interface VerifyFailure {
  /** What broke: an event/leaf pair, a checkpoint, a stored tree node, or the ledger's own bookkeeping. */
  kind: 'event' | 'leaf' | 'checkpoint' | 'node';
  position?: bigint;
  treeSize?: bigint;
  /** The stored perfect subtree that is wrong or missing (kind 'node'). */
  node?: { level: number; index: bigint };
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  leaves: bigint;
  checkpoints: number;
  /** Committed events not sealed yet (not a failure). */
  unsealed: number;
  failure?: VerifyFailure;
}

export interface VerifyOptions {
  /** The log's verifier key; default the one recorded in ledger_meta. */
  vkey?: string;
  onProgress?: (done: bigint, total: bigint) => void;
  pageSize?: number;
  /** Pages of each scan requested ahead of the one being checked (default 2). */
  readAhead?: number;
  /**
   * How a worker thread reaches the same PostgreSQL database. Given, the events are read, spliced
   * and hashed on a worker (verifyWorker.js) while this thread reads the leaves, compares and
   * rebuilds the tree; every check is the same.
   */
  connection?: { url: string; schema: string; appRole: string };
  /** Use the worker whenever `connection` is given (default: from 20,000 leaves on). */
  hashWorker?: boolean;
  /** Stored tree nodes checked a statement (default NODE_BATCH, storedNodes.ts). */
  nodeBatchSize?: number;
  /** Called for each leaf the hot path did not clear (it then goes down the exact path). */
  onExactPath?: (position: string) => void;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

interface StoredCheckpoint {
  size: bigint;
  root: Hash;
  note: string;
}


/**
 * `diaban verify`: recomputes every leaf from the stored event, checks every per-stream chain (each
 * leaf embeds the previous leaf hash of its stream, recomputed here), rebuilds the tree and holds
 * the stored nodes that proofs are served from to it (storedNodes.ts), and checks every stored
 * checkpoint's signature and root, and the consistency proof served between consecutive
 * checkpoints. Stops at the first failure, in leaf order, and names it.
 *
 * Events and leaves are read as two scans in numbered pages, each `readAhead` pages ahead
 * (ledgerScan.ts). Per leaf, the leaf text is spliced from the stored event and hashed once; it
 * must give the stored leaf hash, and the stored leaf bytes must hash to that same hash (checked by
 * the database, where the bytes are), so the stored bytes are the recomputed ones unless SHA-256
 * has a collision, the assumption the whole log rests on. Any mismatch is diagnosed on the exact stored bytes (`diagnoseLeaf`).
 */
export async function verifyLedger(database: Database, options: VerifyOptions = {}): Promise<VerifyResult> {
  const db = database.db;
  const reader = new LedgerReader(database);
  const meta = await reader.meta();
  // 1,000 a page: with 5,000 the pages in flight outlived the young generation and the worker
  // spent a quarter of its time collecting them.
  const pageSize = options.pageSize ?? 1000;
  const checkpoints = await storedCheckpoints(db);
  const total = await reader.sealedSize();
  const result = (failure?: VerifyFailure, leaves = 0n, unsealed = 0): VerifyResult => ({
    ok: !failure, leaves, checkpoints: checkpoints.length, unsealed, ...(failure ? { failure } : {}),
  });
  if (!meta) return checkpoints.length === 0 && total === 0n ? result() : result({ kind: 'checkpoint', message: 'ledger_meta is missing' });
  const checker = new CheckpointChecker(checkpoints, noteVerifier(options.vkey ?? meta.vkey), meta.origin, reader);
  // The leaves sealed when verification starts (checkpoints were read before: none is larger).
  const paging = { size: total, pageSize, depth: options.readAhead ?? 2 };
  const leaves = scanLeaves(db, paging);
  /** Each stream's newest leaf hash in base64: the next leaf's `prev`. */
  const chains = new Map<string, string>();
  // Keeps the perfect subtrees proofs are served from, to hold them to the stored ones.
  const tree = new CompactRangeBuilder(LOWEST_STORED_LEVEL);
  const nodes = new StoredNodeCheck(db);
  const nodeBatch = options.nodeBatchSize ?? NODE_BATCH;
  const originJson = JSON.stringify(meta.origin);
  let lastPosition = '0';
  /** The first bad stored node among every one completed so far (all sent, every answer awaited). */
  const firstBadNode = async (): Promise<VerifyFailure | undefined> => {
    nodes.send(tree.takeCompleted());
    const node = await nodes.settled(0);
    return node ? nodeFailure(node) : undefined;
  };
  /** A failure found at the leaf being checked, unless a stored node completed before it is wrong: that one comes first. */
  const fail = async (failure: VerifyFailure): Promise<VerifyResult> => result((await firstBadNode()) ?? failure, BigInt(tree.count));
  /** After a page: a full batch of nodes sent, and any answer but the newest taken (one batch's answer in flight). */
  const pageDone = async (): Promise<VerifyFailure | undefined> => {
    if (tree.keptCount >= nodeBatch) nodes.send(tree.takeCompleted());
    const node = await nodes.settled(1);
    return node ? nodeFailure(node) : undefined;
  };

  const empty = await checker.at(emptyCompactRange);
  if (empty) return result(empty);
  const connection = options.connection;
  if (connection && (options.hashWorker ?? total >= HASH_WORKER_FROM)) {
    const hashes = new EventHashes(connection, paging, originJson);
    try {
      while (await leaves.refill()) {
        for (let leaf = leaves.take(); leaf; leaf = leaves.take()) {
          const has = hashes.advance() || (await hashes.advanceAcross());
          const hot = has && leaf.bytes_ok && Number(leaf.leaf_index) === tree.count && hashes.matches(leaf.global_position, leaf.stream_id, leaf.leaf_hash);
          if (!hot) {
            options.onExactPath?.(leaf.global_position);
            const event = has ? hashes.current() : undefined;
            const failure = await checkLeafExactly(db, leaf, BigInt(tree.count), event, event ? (chains.get(event.stream_id) ?? null) : null, meta.origin);
            // Awaited here, not after the finally: closing the worker takes turns of the event loop.
            if (failure) return await fail(failure);
          }
          chains.set(leaf.stream_id, leaf.leaf_hash);
          tree.push(leaf.leaf_hash);
          lastPosition = leaf.global_position;
          if (tree.count === checker.dueAt) {
            const bad = await checker.at(tree.range());
            if (bad) return await fail(bad);
          }
        }
        const node = await pageDone();
        if (node) return result(node, BigInt(tree.count));
        options.onProgress?.(BigInt(tree.count), total);
      }
    } finally {
      await hashes.close();
    }
    return finish();
  }
  // Created here, not above: a scan asks for its first pages at once, and the worker reads the events itself.
  const events = scanEvents(db, paging);
  while (await leaves.refill()) {
    for (let leaf = leaves.take(); leaf; leaf = leaves.take()) {
      const event = events.take() ?? (await events.next());
      if (!leafMatches(leaf, event, tree.count, chains, originJson)) {
        options.onExactPath?.(leaf.global_position);
        const failure = await checkLeaf(db, leaf, BigInt(tree.count), event, chains, meta.origin, originJson);
        if (failure) return fail(failure);
      }
      tree.push(leaf.leaf_hash);
      lastPosition = leaf.global_position;
      if (tree.count === checker.dueAt) {
        const bad = await checker.at(tree.range());
        if (bad) return fail(bad);
      }
    }
    const node = await pageDone();
    if (node) return result(node, BigInt(tree.count));
    options.onProgress?.(BigInt(tree.count), total);
  }
  return finish();

  async function finish(): Promise<VerifyResult> {
    const size = BigInt(tree.count);
    const node = await firstBadNode();
    if (node) return result(node, size);
    const beyond = checker.remaining();
    if (beyond !== undefined) return result({ kind: 'checkpoint', treeSize: beyond, message: `checkpoint ${beyond} is beyond the ${size} leaves` }, size);
    return result(undefined, size, await countEventsAfter(db, lastPosition));
  }
}

function nodeFailure(node: NodeMismatch): VerifyFailure {
  const width = 1n << BigInt(node.level);
  const first = node.index * width;
  return {
    kind: 'node',
    node: { level: node.level, index: node.index },
    message:
      `the stored tree node at level ${node.level}, index ${node.index} (leaf indices ${first} to ${first + width - 1n}) ` +
      `${node.missing ? 'is missing' : 'is not the hash of those leaves'}: proofs through it cannot verify`,
  };
}

/** From this many leaves on, events are read and hashed on a worker thread when a connection is given. */
const HASH_WORKER_FROM = 20_000n;

/**
 * The exact path for a leaf the worker's hash did not clear: index, position and stream against
 * the event paired with it, then the leaf recomputed from the stored event and `before` (its
 * stream's previous leaf hash as stored) on the exact stored bytes (`diagnoseLeaf`). The worker
 * chains each stream through the hashes it computed, so after a leaf that only the exact path
 * clears, the later leaves of its stream come here too.
 */
async function checkLeafExactly(
  db: Executor, leaf: LeafScanRow, expected: bigint, event: { global_position: string; stream_id: string } | undefined, before: string | null, origin: string,
): Promise<VerifyFailure | undefined> {
  const unpaired = pairingFailure(leaf, expected, event);
  if (unpaired || !event) return unpaired;
  const prev = before === null ? null : Buffer.from(before, 'base64');
  return diagnoseLeaf(db, expected, toBigint(leaf.global_position), Buffer.from(leaf.leaf_hash, 'base64'), origin, prev);
}

/** The leaf at index `expected` beside its event: the index, the position and the stream agree. */
function pairingFailure(leaf: LeafScanRow, expected: bigint, event: { global_position: string; stream_id: string } | undefined): VerifyFailure | undefined {
  const position = toBigint(leaf.global_position);
  const index = toBigint(leaf.leaf_index);
  if (index !== expected) return { kind: 'leaf', position, message: `leaf index ${index} found where ${expected} was expected` };
  const eventPosition = event ? toBigint(event.global_position) : undefined;
  if (!event || eventPosition! > position) return { kind: 'event', position, message: `the event at position ${position} is missing (its leaf remains)` };
  if (eventPosition! < position) {
    return { kind: 'event', position: eventPosition!, message: `the event at position ${eventPosition} has no leaf in order (inserted or moved?)` };
  }
  if (event.stream_id !== leaf.stream_id) {
    return { kind: 'leaf', position, message: `the leaf at position ${position} names stream ${leaf.stream_id}, its event is in ${event.stream_id}` };
  }
  return undefined;
}

/**
 * The hot path: the leaf at index `count` sits beside its event (same position and stream, compared
 * as the decimal text both scans spell), its stored bytes hash to its stored hash, and the leaf text
 * spliced from the event and its stream's previous leaf hash gives that hash. On success records
 * the leaf as its stream's newest link; anything else goes to `checkLeaf`, which names the failure
 * or clears the leaf on its exact bytes.
 */
function leafMatches(leaf: LeafScanRow, event: EventScanRow | undefined, count: number, chains: Map<string, string>, originJson: string): boolean {
  if (event === undefined || !leaf.bytes_ok || Number(leaf.leaf_index) !== count) return false;
  if (event.global_position !== leaf.global_position || event.stream_id !== leaf.stream_id) return false;
  if (fastLeafHash(event, chains.get(event.stream_id) ?? null, originJson) !== leaf.leaf_hash) return false;
  chains.set(event.stream_id, leaf.leaf_hash);
  return true;
}

/**
 * The leaf at index `expected` against the next stored event: index, position, stream, then its
 * hash recomputed from the event. On success records the leaf as its stream's newest link.
 */
async function checkLeaf(
  db: Executor, leaf: LeafScanRow, expected: bigint, event: EventScanRow | undefined, chains: Map<string, string>, origin: string, originJson: string,
): Promise<VerifyFailure | undefined> {
  const unpaired = pairingFailure(leaf, expected, event);
  if (unpaired || !event) return unpaired;
  const before = chains.get(event.stream_id) ?? null;
  if (!leaf.bytes_ok || fastLeafHash(event, before, originJson) !== leaf.leaf_hash) {
    const prev = before === null ? null : Buffer.from(before, 'base64');
    const failure = await diagnoseLeaf(db, expected, toBigint(leaf.global_position), Buffer.from(leaf.leaf_hash, 'base64'), origin, prev);
    if (failure) return failure;
  }
  chains.set(event.stream_id, leaf.leaf_hash);
  return undefined;
}

/** Base64 of the leaf hash of the text spliced from a scanned event; none when the metadata does not parse. */
function fastLeafHash(row: EventScanRow, prev: string | null, originJson: string): string | undefined {
  const text = eventLeafText(row, prev, originJson);
  return text === null ? undefined : sha256Base64OfText(text);
}

/**
 * The slow path, on the exact stored leaf bytes and event row: the event must give the bytes
 * (spliced, or canonicalized when the stored data is not canonical text), and they must hash to
 * the stored leaf hash. Answers nothing when both hold (another spelling of the same data).
 */
async function diagnoseLeaf(
  db: Executor, index: bigint, position: bigint, hash: Hash, origin: string, prev: Hash | null,
): Promise<VerifyFailure | undefined> {
  const [leaf, event] = await Promise.all([
    sql<{ leaf_bytes: Uint8Array }>`SELECT leaf_bytes FROM ledger_leaves WHERE leaf_index = ${index.toString()}::bigint`.execute(db),
    sql<EventRow>`SELECT ${sql.raw(eventColumns('e'))} FROM events e WHERE e.global_position = ${position.toString()}::bigint`.execute(db),
  ]);
  const bytes = toBytes(leaf.rows[0]!.leaf_bytes);
  if (!sameLeaf(event.rows[0]!, origin, prev, bytes)) {
    return { kind: 'event', position, message: `the event at position ${position} does not match its sealed leaf (changed, or its stream's chain is broken)` };
  }
  if (!equalBytes(leafHash(bytes), hash)) {
    return { kind: 'leaf', position, message: `the stored leaf hash at position ${position} is not the hash of its bytes` };
  }
  return undefined;
}

function sameLeaf(row: EventRow, origin: string, prev: Hash | null, bytes: Uint8Array): boolean {
  try {
    const event = toStoredEvent(row);
    return equalBytes(eventLeafBytesFast(event, origin, prev), bytes) || equalBytes(eventLeafBytesExact(event, origin, prev), bytes);
  } catch {
    return false;
  }
}

/**
 * Checks stored checkpoints in size order as the rebuilt tree reaches their sizes: the signature
 * by the trusted key, origin, size, root, and the served consistency proof from the previous one.
 */
class CheckpointChecker {
  #next = 0;
  #last: { size: bigint; root: Hash } | undefined;

  constructor(
    private readonly checkpoints: readonly StoredCheckpoint[],
    private readonly verifier: NoteVerifier,
    private readonly origin: string,
    private readonly reader: LedgerReader,
  ) {
    this.#dueAt = this.#nextSize();
  }

  due(size: bigint): boolean {
    return this.#next < this.checkpoints.length && this.checkpoints[this.#next]!.size === size;
  }

  /** The size of the next checkpoint as a number, for the per-leaf test (NaN past 2^53 − 1: never reached). */
  get dueAt(): number {
    return this.#dueAt;
  }

  #dueAt: number;

  #nextSize(): number {
    const size = this.checkpoints[this.#next]?.size;
    return size !== undefined && size <= MAX_SAFE ? Number(size) : Number.NaN;
  }

  /** The size of the first checkpoint never reached, if any. */
  remaining(): bigint | undefined {
    return this.checkpoints[this.#next]?.size;
  }

  async at(range: CompactRange): Promise<VerifyFailure | undefined> {
    const size = range.size;
    if (!this.due(size)) return undefined;
    const root = rootOf(range);
    for (; this.due(size); this.#next++, this.#dueAt = this.#nextSize()) {
      const failure = await this.#check(this.checkpoints[this.#next]!, root);
      if (failure) return failure;
      this.#last = { size, root };
    }
    return undefined;
  }

  async #check(cp: StoredCheckpoint, root: Hash): Promise<VerifyFailure | undefined> {
    const { size } = cp;
    let signed;
    try {
      signed = openCheckpoint(cp.note, this.verifier).checkpoint;
    } catch (err) {
      return { kind: 'checkpoint', treeSize: size, message: `checkpoint ${size}: signature or format invalid (${(err as Error).message})` };
    }
    if (signed.size !== size || signed.origin !== this.origin || !equalBytes(signed.rootHash, cp.root) || !equalBytes(cp.root, root)) {
      return { kind: 'checkpoint', treeSize: size, message: `checkpoint ${size}: root does not match the tree rebuilt from the events` };
    }
    const last = this.#last;
    if (last && last.size > 0n) {
      let proof: Hash[];
      try {
        proof = await this.reader.consistencyProof(last.size, size);
      } catch (err) {
        // A stored node the proof needs is missing: a failure to name (verifyLedger's `fail` names
        // the node itself when it completed before this checkpoint), not an error to throw.
        if (!(err instanceof LedgerError)) throw err;
        return { kind: 'checkpoint', treeSize: size, message: `checkpoints ${last.size} → ${size}: the consistency proof cannot be served (${err.message})` };
      }
      if (!verifyConsistency(last.size, size, proof, last.root, root)) {
        return { kind: 'checkpoint', treeSize: size, message: `checkpoints ${last.size} → ${size}: the served consistency proof does not verify` };
      }
    }
    return undefined;
  }
}

async function storedCheckpoints(db: Executor): Promise<StoredCheckpoint[]> {
  const rows = await sql<{ tree_size: string | bigint; root_hash: Uint8Array; note: string }>`
    SELECT tree_size, root_hash, note FROM ledger_checkpoints ORDER BY tree_size`.execute(db);
  return rows.rows.map((r) => ({ size: toBigint(r.tree_size), root: toBytes(r.root_hash), note: r.note }));
}

/** Committed events past the last sealed one: not sealed yet, which is not a failure. */
async function countEventsAfter(db: Executor, position: string): Promise<number> {
  const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE global_position > ${position}::bigint`.execute(db);
  return rows.rows[0]?.n ?? 0;
}
