import { CompiledQuery, sql } from 'kysely';
import { integerArrayLiteral, textArrayLiteral } from '../../db/arrayLiteral.js';
import { preparedStatement } from '../../db/preparedStatements.js';
import type { Database } from '../../db/Database.js';
import type { Logger } from '../../logger.js';
import type { EventStore, StoredEvent, Subscription } from '../../store/EventStore.js';
import { signCheckpoint } from '../checkpoint.js';
import { appendLeaves, compactRangeFrom, type CompactRange } from '../compactRange.js';
import { eventLeafBytes } from '../eventLeaf.js';
import { equalBytes, leafHash, type Hash } from '../hashes.js';
import { planRoot } from '../proofPlan.js';
import { rootFrom } from '../proofs.js';
import { DEFAULT_RETRY, FollowerLifecycle, followWithRetry, pauseAfter, Pauses, type RetryPolicy } from '../../store/followWithRetry.js';
import { LedgerInconsistent, LedgerKeyMismatch } from './errors.js';
import type { LedgerKey } from './ledgerKey.js';
import { fetchNodes, latestCheckpointRow, LOWEST_STORED_LEVEL, sealedHead, toBytes, type CheckpointRow, type Executor } from './ledgerRows.js';

export interface SealerOptions {
  key: LedgerKey;
  batchSize?: number;
  /** At most one checkpoint per interval under load; one within this long after a quiet commit. */
  checkpointIntervalMs?: number;
  /**
   * While live and caught up, wait this long after sealing a short batch before reading the next
   * (default 50 ms): under a stream of single-event appends, a few larger seal transactions take
   * less from the appenders (locks, round trips, commits) than one per NOTIFY. A full batch goes on at once.
   */
  sealIntervalMs?: number;
  /** Pauses before following the store again after a failed batch, and before trying a failed checkpoint again (default: 1 s doubling to 30 s). */
  retry?: RetryPolicy;
  log?: Logger;
}

/** The advisory lock sealers and checkpoints take turns on (transaction-scoped). */
const SEAL_LOCK_KEY_SQL = '1684234849, 2';
const SEAL_LOCK_KEY = sql.raw(SEAL_LOCK_KEY_SQL);
const SEAL_LOCK = sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK_KEY})`;
/**
 * The same lock for a seal transaction, which also commits without waiting for the WAL flush
 * (PostgreSQL "asynchronous commit"), so it adds no flush for appenders to queue behind. Safe because
 * a leaf is a function of committed events (durable before they were visible) and the leaves before
 * it: a crash can lose only the last sealed batches, which the next seal writes again byte for byte;
 * and a checkpoint commits synchronously, which flushes the WAL through every leaf it signs before
 * anyone can read it.
 */
const SEAL_LOCK_ASYNC_COMMIT = sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK_KEY}), set_config('synchronous_commit', 'off', true)`;
/**
 * A batch of leaves and the perfect subtrees they complete, stored only if the tree still has $1
 * leaves: $2–$5 each leaf's position, stream, and the start and length of its bytes in $6 (all the
 * leaves' bytes, concatenated), $7 their hashes (32 bytes each); $8–$10 the nodes' levels, indices
 * and hashes. Answers how many leaves it stored.
 *
 * One statement; the bytes and hashes each travel as one binary parameter, cut by offsets in the
 * database. A VALUES list of the same rows took three times as long to parse and plan as to insert
 * (38 ms against 12 ms for 1,000 leaves); bytea[] arrays went as hex text, which the client spelled
 * and the server parsed back: binding them cost the database 70 % as much as inserting the rows
 * (2.6 ms against 3.8 ms a batch of ~150 leaves, measured under appends). Prepared once per
 * connection (src/db/preparedStatements.ts). The seal lock is taken again (a no-op inside #seal's
 * transaction), and asynchronous commit set for the statement's own transaction when it runs alone
 * (SEAL_LOCK_ASYNC_COMMIT says why).
 */
const SEAL_SQL = preparedStatement(`
WITH locked AS MATERIALIZED (
  SELECT pg_advisory_xact_lock(${SEAL_LOCK_KEY_SQL}), set_config('synchronous_commit', 'off', true)),
head AS MATERIALIZED (
  SELECT coalesce((SELECT leaf_index + 1 FROM ledger_leaves ORDER BY leaf_index DESC LIMIT 1), 0) AS size FROM locked),
leaves AS (
  INSERT INTO ledger_leaves (leaf_index, global_position, stream_id, leaf_bytes, leaf_hash)
  SELECT head.size + t.i - 1, t.position, t.stream, substring($6::bytea FROM t.start FOR t.length),
         substring($7::bytea FROM t.i::integer * 32 - 31 FOR 32)
  FROM head, unnest($2::bigint[], $3::text[], $4::integer[], $5::integer[]) WITH ORDINALITY AS t(position, stream, start, length, i)
  WHERE head.size = $1::bigint
  RETURNING 1),
nodes AS (
  INSERT INTO ledger_nodes (level, idx, hash)
  SELECT n.level, n.idx, substring($10::bytea FROM n.i::integer * 32 - 31 FOR 32)
  FROM head, unnest($8::smallint[], $9::bigint[]) WITH ORDINALITY AS n(level, idx, i)
  WHERE head.size = $1::bigint)
SELECT count(*) AS leaves FROM leaves`);
/**
 * Leaves computed between turns of the event loop (~1 ms of work): a batch of a few hundred leaves
 * computed in one go held up every request of the process that shares the loop, appenders
 * included, for several milliseconds at a time.
 */
const LEAVES_BETWEEN_YIELDS = 32;
/** Bound on remembered stream heads; past it the map starts over (a miss costs one index probe). */
const MAX_CHAIN_HEADS = 100_000;

/**
 * Appends committed events to the Merkle log in position order and signs checkpoints. Sealing and
 * checkpointing each take one transaction-scoped advisory lock, so two sealers (a server and a CLI)
 * only take turns. The compact range is cached between batches and reloaded from stored nodes
 * whenever someone else moved the tree.
 */
export class Sealer {
  readonly #database: Database;
  readonly #store: EventStore;
  readonly #key: LedgerKey;
  readonly #batchSize: number;
  readonly #intervalMs: number;
  readonly #sealIntervalMs: number;
  readonly #log: Logger | undefined;
  #range: CompactRange | undefined;
  /** The position of the last leaf in `#range` (0 when empty). */
  #lastPosition = 0n;
  /** The end of the last `sealBatch` call queued: the next one starts after it. */
  #turn: Promise<unknown> = Promise.resolve();
  /** Each stream's newest leaf hash as of `#range`: the next leaf's `prev`, without asking. */
  #chainHeads = new Map<string, Hash>();
  #subscription: Subscription | undefined;
  /** Follows the store, opening the subscription again after a failure (start() to stop()). */
  #following: Promise<void> = Promise.resolve();
  readonly #retry: RetryPolicy;
  readonly #pauses = new Pauses();
  /** start() and stop() one at a time, and one follower at most. */
  readonly #lifecycle = new FollowerLifecycle();
  #timer: NodeJS.Timeout | undefined;
  #pendingCheckpoint: Promise<unknown> = Promise.resolve();
  #lastCheckpointAt = 0;
  /** Checkpoints failed in a row (the pause before the next try doubles). */
  #checkpointFailures = 0;
  /** Sealed since the last checkpoint started: another one is due. */
  #dirty = false;
  /** Checkpoints refused since the last one signed: the first is logged as an error, not every one after each seal. */
  #refusals = 0;
  #stopped = false;

  constructor(database: Database, store: EventStore, options: SealerOptions) {
    this.#database = database;
    this.#store = store;
    this.#key = options.key;
    this.#batchSize = options.batchSize ?? 1000;
    this.#intervalMs = options.checkpointIntervalMs ?? 1000;
    this.#sealIntervalMs = options.sealIntervalMs ?? 50;
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#log = options.log;
  }

  get origin(): string {
    return this.#key.name;
  }

  /** Records the log's origin and key on first use; refuses a key that is not this log's. */
  async init(): Promise<void> {
    const db = this.#database.db;
    await sql`INSERT INTO ledger_meta (origin, vkey) VALUES (${this.#key.name}, ${this.#key.vkey}) ON CONFLICT DO NOTHING`.execute(db);
    const meta = (await sql<{ origin: string; vkey: string }>`SELECT origin, vkey FROM ledger_meta`.execute(db)).rows[0];
    if (!meta || meta.vkey !== this.#key.vkey) {
      throw new LedgerKeyMismatch(
        `the ledger key (${this.#key.vkey}) is not the key of this log (${meta?.vkey ?? 'none'}); point LEDGER_KEY_FILE at the original key`,
      );
    }
  }

  /**
   * Seals one batch of events read from the store in position order. Returns the tree size. Calls
   * on one sealer run one at a time (the live subscription and `sealPending` from a request share
   * it): the caches are read and written outside the seal lock on the one-statement path, and across
   * the turns of the event loop the leaf computation yields.
   */
  sealBatch(events: readonly StoredEvent[]): Promise<bigint> {
    const run = this.#turn.then(() => this.#sealBatchNow(events));
    this.#turn = run.catch(() => undefined);
    return run;
  }

  async #sealBatchNow(events: readonly StoredEvent[]): Promise<bigint> {
    try {
      // While this sealer alone moved the tree, one statement seals the batch: no transaction block,
      // no separate lock and head reads (four round trips fewer a batch).
      const sealed = this.#range ? await this.#sealOntoCached(events) : null;
      if (sealed !== null) return sealed;
      let batch = events;
      let completeAfter: bigint | undefined;
      for (;;) {
        const result = await this.#database.db.transaction().execute((trx) => this.#seal(trx, batch, completeAfter));
        if (typeof result === 'bigint') return result;
        // Read outside the seal's transaction: on PGlite the store's reads share its one connection.
        batch = [...(await this.#eventsBetween(result.sealedTo, batch[0]!.globalPosition)), ...batch];
        completeAfter = result.sealedTo;
      }
    } catch (err) {
      // The caches may hold what the rolled-back transaction computed: start over from storage.
      this.#range = undefined;
      this.#chainHeads.clear();
      throw err;
    }
  }

  /**
   * Seals onto the cached tree without first reading the stored one: the insert itself checks, under
   * the seal lock, that the stored tree is still the cached one. Null (the transactional path then
   * reads the stored tree) when it is not, when the batch holds nothing after the cached tree, or
   * when another sealer's leaves took the indices (the statement's snapshot predates the lock, so
   * a seal committed while it waited shows as a unique violation on the leaf index, not as a moved head).
   */
  async #sealOntoCached(events: readonly StoredEvent[]): Promise<bigint | null> {
    const cached = this.#range!;
    const todo = events.filter((e) => e.globalPosition > this.#lastPosition);
    // Nothing after what this sealer last stored: either sealed already, or the stored log lost it
    // (a seal's asynchronous commit lost in a crash, and the subscription opened again from the
    // stored head). Only the stored head tells which.
    if (todo.length === 0) return events.length === 0 ? cached.size : null;
    const prev = await this.#chainHeadsFor(this.#database.db, todo);
    try {
      if (await this.#insert(this.#database.db, cached, todo, prev)) return this.#range!.size;
    } catch (err) {
      if ((err as { code?: unknown }).code !== '23505') throw err;
    }
    this.#range = undefined;
    this.#chainHeads.clear();
    return null;
  }

  /**
   * Seals the batch in the caller's transaction; or, when the stored log ends before the batch
   * begins and the events between are not known to be in it, answers where the log ends (and seals
   * nothing). The live subscription goes on from where this sealer last stored; were the stored tree
   * behind that (a seal's asynchronous commit lost in a crash of the database, README "Ledger"),
   * sealing the batch as given would skip those events for good. Positions can have gaps (an aborted
   * append), so whether any event is missing takes a read; `completeAfter` says the batch holds
   * every committed event after that position. The one-statement path never needs this: it stores
   * only onto the tree it last stored, which the events it is given continue.
   */
  async #seal(trx: Executor, events: readonly StoredEvent[], completeAfter?: bigint): Promise<bigint | { sealedTo: bigint }> {
    await SEAL_LOCK_ASYNC_COMMIT.execute(trx);
    const head = await sealedHead(trx);
    this.#lastPosition = head.lastPosition;
    const todo = events.filter((e) => e.globalPosition > head.lastPosition);
    const gap = todo.length > 0 && todo[0]!.globalPosition > head.lastPosition + 1n;
    if (gap && (completeAfter === undefined || completeAfter > head.lastPosition)) return { sealedTo: head.lastPosition };
    // The caches describe the stored tree only if nobody else sealed since (leaves are append-only).
    const ours = this.#range?.size === head.size;
    if (!ours) this.#chainHeads.clear();
    const range = ours ? this.#range! : compactRangeFrom(head.size, await fetchNodes(trx, planRoot(head.size)));
    this.#range = range;
    if (todo.length === 0) return head.size;
    const prev = await this.#chainHeadsFor(trx, todo);
    if (!(await this.#insert(trx, range, todo, prev))) throw new LedgerInconsistent(`the sealed tree moved under the seal lock (expected ${head.size} leaves)`);
    return this.#range.size;
  }

  /** The committed events after position `after` and before `before`, in position order. */
  async #eventsBetween(after: bigint, before: bigint): Promise<StoredEvent[]> {
    const missing: StoredEvent[] = [];
    for (let from = after + 1n; from < before; ) {
      const page = await this.#store.readAll({ fromPosition: from, limit: this.#batchSize });
      const earlier = page.events.filter((e) => e.globalPosition < before);
      missing.push(...earlier);
      if (earlier.length < page.events.length || page.events.length === 0) break;
      from = page.nextPosition;
    }
    if (missing.length > 0) this.#log?.warn({ after: String(after), before: String(before), events: missing.length }, 'sealing events the stored log was missing');
    return missing;
  }

  /**
   * Computes the batch's leaves on `range` and stores them with the perfect subtrees they complete
   * from LOWEST_STORED_LEVEL up (ledgerRows.ts: the lower ones are folded from leaves when read),
   * in one statement that inserts nothing unless the stored tree still has `range.size` leaves.
   * When stored, updates `prev` (the stream heads), the cached range and the last position.
   */
  async #insert(db: Executor, range: CompactRange, todo: readonly StoredEvent[], prev: Map<string, Hash>): Promise<boolean> {
    const leaves = { position: [] as bigint[], stream: [] as string[], bytes: [] as Uint8Array[], hash: [] as Hash[] };
    const heads = new Map<string, Hash>();
    for (const [i, event] of todo.entries()) {
      if (i > 0 && i % LEAVES_BETWEEN_YIELDS === 0) await new Promise((resolve) => setImmediate(resolve));
      const bytes = eventLeafBytes(event, this.#key.name, heads.get(event.streamId) ?? prev.get(event.streamId) ?? null);
      const hash = leafHash(bytes);
      heads.set(event.streamId, hash);
      leaves.position.push(event.globalPosition);
      leaves.stream.push(event.streamId);
      leaves.bytes.push(bytes);
      leaves.hash.push(hash);
    }
    const appended = appendLeaves(range, leaves.hash);
    const nodes = appended.completed.filter((n) => n.level >= LOWEST_STORED_LEVEL);
    const starts: number[] = [];
    const lengths: number[] = [];
    for (let start = 1, i = 0; i < leaves.bytes.length; start += lengths[i]!, i++) {
      starts.push(start);
      lengths.push(leaves.bytes[i]!.length);
    }
    const stored = await db.executeQuery<{ leaves: string | number | bigint }>(
      CompiledQuery.raw(SEAL_SQL, [
        range.size.toString(),
        integerArrayLiteral(leaves.position),
        textArrayLiteral(leaves.stream),
        integerArrayLiteral(starts),
        integerArrayLiteral(lengths),
        Buffer.concat(leaves.bytes),
        Buffer.concat(leaves.hash),
        integerArrayLiteral(nodes.map((n) => n.level)),
        integerArrayLiteral(nodes.map((n) => n.index)),
        Buffer.concat(nodes.map((n) => n.hash)),
      ]),
    );
    if (Number(stored.rows[0]?.leaves ?? 0) !== todo.length) return false;
    for (const [stream, hash] of heads) prev.set(stream, hash);
    this.#range = appended.range;
    this.#lastPosition = todo[todo.length - 1]!.globalPosition;
    return true;
  }

  /**
   * The stream heads the batch chains to: the remembered ones (dropped whenever the stored tree
   * moved under this sealer), the rest read from storage. `#insert` updates them once it has stored.
   */
  async #chainHeadsFor(trx: Executor, events: readonly StoredEvent[]): Promise<Map<string, Hash>> {
    if (this.#chainHeads.size > MAX_CHAIN_HEADS) this.#chainHeads.clear();
    const heads = this.#chainHeads;
    /** The first version of each stream the batch holds, for streams whose head is not remembered. */
    const first = new Map<string, bigint>();
    for (const e of events) if (!heads.has(e.streamId) && !first.has(e.streamId)) first.set(e.streamId, e.streamVersion);
    if (first.size > 0) for (const [id, hash] of await previousLeafHashes(trx, first)) heads.set(id, hash);
    return heads;
  }

  /** Seals everything visible now. */
  async sealPending(): Promise<bigint> {
    let size = (await sealedHead(this.#database.db)).size;
    for (;;) {
      const { lastPosition } = await sealedHead(this.#database.db);
      const page = await this.#store.readAll({ fromPosition: lastPosition + 1n, limit: this.#batchSize });
      if (page.events.length === 0) return size;
      size = await this.sealBatch(page.events);
    }
  }

  /**
   * Signs a checkpoint of the sealed tree now (none if the latest already covers it). Before
   * signing, the latest checkpoint's root is recomputed from the stored nodes: if the stored tree no
   * longer extends what was signed, the log refuses to sign an inconsistent checkpoint.
   */
  async checkpoint(): Promise<CheckpointRow> {
    return (await this.#checkpoint()).row;
  }

  /** `checkpoint`, and whether it signed one (false: the latest already covered the sealed tree). */
  #checkpoint(): Promise<{ row: CheckpointRow; signed: boolean }> {
    return this.#database.db.transaction().execute(async (trx) => {
      await SEAL_LOCK.execute(trx);
      const { size } = await sealedHead(trx);
      const latest = await latestCheckpointRow(trx);
      if (latest && latest.treeSize === size) return { row: latest, signed: false };
      if (latest && latest.treeSize > size) throw new LedgerInconsistent(`a checkpoint of size ${latest.treeSize} exceeds the ${size} sealed leaves`);
      const nodes = await fetchNodes(trx, [...planRoot(size), ...(latest ? planRoot(latest.treeSize) : [])]);
      if (latest && !equalBytes(rootFrom(latest.treeSize, nodes), latest.rootHash)) {
        throw new LedgerInconsistent(`the stored tree does not reproduce the signed root of size ${latest.treeSize}`);
      }
      const rootHash = rootFrom(size, nodes);
      const note = signCheckpoint({ origin: this.#key.name, size, rootHash, extensions: [] }, this.#key.signer);
      const rows = await sql<{ created_at: Date }>`
        INSERT INTO ledger_checkpoints (tree_size, root_hash, note) VALUES (${size.toString()}, ${rootHash}, ${note})
        RETURNING created_at`.execute(trx);
      return { row: { treeSize: size, rootHash: toBytes(rootHash), note, createdAt: new Date(rows.rows[0]!.created_at) }, signed: true };
    });
  }

  /**
   * Seals as events commit (LISTEN/NOTIFY, polling) and checkpoints within the interval; again after
   * `stop`. A failed batch (the database away for a moment) is sealed again from the stored head
   * after a pause doubling up to `retry.maxMs`, each failure logged; an inconsistent ledger stops
   * the live sealer for good (a person must look: sealing on could only sign on top of it). A key
   * that is not the log's is refused before it starts (init).
   */
  start(): Promise<void> {
    return this.#lifecycle.start(() => this.#start());
  }

  async #start(): Promise<void> {
    this.#stopped = false; // a stopped sealer starts again with what it remembers (checked before use)
    this.#refusals = 0; // started again: a refusal that persists is news again
    await this.init();
    this.#following = followWithRetry({
      open: async () => {
        const { lastPosition } = await sealedHead(this.#database.db);
        const subscription = this.#store.subscribe({
          fromPosition: lastPosition + 1n,
          batchSize: this.#batchSize,
          handler: async (events) => {
            await this.sealBatch(events);
            this.#dirty = true;
            this.#scheduleCheckpoint();
            if (events.length < this.#batchSize && !this.#stopped) await new Promise((resolve) => setTimeout(resolve, this.#sealIntervalMs));
          },
        });
        this.#subscription = subscription;
        // A stop() while the head was read would have missed this subscription.
        if (this.#stopped) await subscription.stop();
        return subscription;
      },
      stopping: () => this.#stopped,
      onFailure: (err, failures, pauseMs) => {
        if (err instanceof LedgerInconsistent) {
          this.#log?.error({ err }, 'ledger sealer stopped: the stored log cannot be sealed onto');
          return 'give up';
        }
        this.#log?.error({ err, failures, retryInMs: pauseMs }, 'ledger sealer failed; sealing again from the stored head');
        return 'retry';
      },
      policy: this.#retry,
      pauses: this.#pauses,
    });
    this.#scheduleCheckpoint();
  }

  /**
   * A checkpoint within the interval after sealing. One that failed (the database away) is tried
   * again after a pause doubling like the sealer's, even if nothing more is sealed meanwhile: the
   * last commits must not wait for the next one to be signed. A refusal (the stored tree does not
   * extend the last signed one) is not retried by itself: it is logged once, and a person must look;
   * the next seals ask again, quietly while the answer stays the same.
   */
  #scheduleCheckpoint(): void {
    if (this.#timer) return;
    const failures = this.#checkpointFailures;
    const pause = failures === 0 ? 0 : pauseAfter(this.#retry, failures);
    const wait = Math.max(pause, this.#lastCheckpointAt + this.#intervalMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#dirty = false;
      this.#pendingCheckpoint = this.#checkpoint()
        .then(({ signed }) => {
          this.#lastCheckpointAt = Date.now();
          this.#checkpointFailures = 0;
          // Only a signature shows the stored tree extends the signed one again (an answer that
          // the latest checkpoint covers the tree checked nothing).
          if (!signed) return;
          if (this.#refusals > 0) this.#log?.info({ refusals: this.#refusals }, 'checkpoint signed again after refusals');
          this.#refusals = 0;
        })
        .catch((err: unknown) => {
          if (err instanceof LedgerInconsistent) {
            // Each seal asks again (the stored tree could have been repaired); until it is, a refusal is not news.
            this.#refusals += 1;
            if (this.#refusals === 1) this.#log?.error({ err }, 'checkpoint refused');
            else this.#log?.debug({ err, refusals: this.#refusals }, 'checkpoint refused again');
            return;
          }
          this.#checkpointFailures += 1;
          this.#dirty = true;
          this.#log?.error({ err, failures: this.#checkpointFailures }, 'checkpoint failed; trying again');
        })
        .finally(() => {
          this.#timer = undefined;
          if (this.#dirty && !this.#stopped) this.#scheduleCheckpoint();
        });
    }, wait);
  }

  stop(): Promise<void> {
    return this.#lifecycle.stop(() => this.#stop());
  }

  async #stop(): Promise<void> {
    this.#stopped = true;
    this.#pauses.wakeAll();
    await this.#subscription?.stop();
    await this.#following;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#pendingCheckpoint;
    this.#timer = undefined;
  }
}

/**
 * The leaf hash of the event before `version` in each stream: the `prev` of that version (none for
 * version 1). Versions are dense and sealed in position order, so it is the stream's newest leaf;
 * found through the events' (stream, version) key and the leaves' position key, two index probes
 * per stream, so the leaves need no index of their own by stream (0009_ledger_leaves_no_stream_index).
 */
async function previousLeafHashes(db: Executor, firstVersions: ReadonlyMap<string, bigint>): Promise<Map<string, Hash>> {
  const streams = [...firstVersions.keys()];
  const versions = streams.map((id) => firstVersions.get(id)! - 1n);
  const rows = await sql<{ stream_id: string; leaf_hash: Uint8Array }>`
    SELECT s.stream_id, l.leaf_hash
    FROM unnest(${textArrayLiteral(streams)}::text[], ${integerArrayLiteral(versions)}::bigint[]) AS s(stream_id, version)
    JOIN events e ON e.stream_id = s.stream_id AND e.stream_version = s.version
    JOIN ledger_leaves l ON l.global_position = e.global_position`.execute(db);
  return new Map(rows.rows.map((r) => [r.stream_id, toBytes(r.leaf_hash)]));
}
