import { sql } from 'kysely';
import { decodeEvent } from '#events/registry.js';
import type { Database } from '../db/Database.js';
import type { Logger } from '../logger.js';
import type { EventStore, StoredEvent, Subscription } from '../store/EventStore.js';
import type { Executor, ProjectedEvent, Projection, TableNames } from './Projection.js';
import { DEFAULT_RETRY, FollowerLifecycle, followWithRetry, Pauses, type RetryPolicy } from '../store/followWithRetry.js';
import { PageFeed } from './PageFeed.js';
import { physicalTables } from './tableNames.js';

export interface BuildState {
  name: string;
  version: number;
  generation: number;
  position: bigint;
  status: 'building' | 'active' | 'retired';
}

interface Build {
  projection: Projection;
  generation: number;
  tables: TableNames;
}

const LOCK_NS = 1684234850;

/**
 * Events per page of a rebuild. Every page costs each build a few round trips besides its rows
 * (lock, state, checkpoint, head); at 2,000 they were most of a rebuild of a million events on a
 * loaded machine. Live catch-up keeps 2,000: its batches are small anyway.
 */
export const REBUILD_PAGE_SIZE = 10_000;
/** Pages a rebuilding read model may run ahead of the slowest one (what a rebuild holds in memory). */
const REBUILD_LOOKAHEAD = 2;

interface ApplyInOptions {
  /** A rebuild's page: commit it without waiting for the WAL flush while the build is not promoted. */
  relaxedCommit?: boolean;
}

interface DecodedPage {
  from: bigint;
  next: bigint;
  ended: boolean;
  events: ProjectedEvent[];
}

/**
 * Runs projections: each build (projection version + generation) follows the store from its
 * checkpoint, and every batch is applied in ONE transaction together with the checkpoint, under a
 * transaction-scoped advisory lock per projection, re-reading the checkpoint inside it. A crash at
 * any point neither loses nor double-counts an event, and two runners (the server and
 * `diaban project`) only take turns. A build that is not active is promoted once it reaches the
 * head: the views switch to its tables and the old tables are dropped, in one transaction.
 */
export class ProjectionRunner {
  readonly #builds = new Map<string, Build>();
  /** The live subscription of each build being followed, by projection name. */
  readonly #live = new Map<string, Subscription>();
  readonly #supervisors: Promise<void>[] = [];
  #stopping = false;
  /** The builds pausing before they follow the store again (stop() wakes them). */
  readonly #pauses = new Pauses();
  /** start() and stop() one at a time, and one follower per build at most. */
  readonly #lifecycle = new FollowerLifecycle();

  constructor(
    private readonly database: Database,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly log?: Logger,
    /** Pauses before following a failed build again: doubling from initialMs up to maxMs. */
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('projection names must be unique');
  }

  /** Makes sure each projection's current version has a build (tables, checkpoint, views). */
  async ensureBuilds(): Promise<void> {
    for (const projection of this.projections) {
      const build = await this.database.db.transaction().execute(async (trx) => {
        await lock(trx, projection.name);
        const current = await buildsOf(trx, projection.name);
        const mine = current.find((b) => b.version === projection.version && b.status !== 'retired');
        if (mine) return { projection, generation: mine.generation, tables: physicalTables(projection, projection.version, mine.generation) };
        return this.#createBuild(trx, projection, current);
      });
      this.#builds.set(projection.name, build);
    }
  }

  async #createBuild(trx: Executor, projection: Projection, existing: BuildState[]): Promise<Build> {
    const generation = Math.max(0, ...existing.filter((b) => b.version === projection.version).map((b) => b.generation)) + 1;
    const tables = physicalTables(projection, projection.version, generation);
    for (const [logical, ddl] of Object.entries(projection.tables) as [string, (p: string) => string][]) {
      await sql.raw(`DROP TABLE IF EXISTS ${tables[logical]} CASCADE`).execute(trx);
      for (const statement of splitStatements(ddl(tables[logical]!))) await sql.raw(statement).execute(trx);
    }
    const hasActive = existing.some((b) => b.status === 'active');
    await sql`INSERT INTO projection_state (name, version, generation, status)
              VALUES (${projection.name}, ${projection.version}, ${generation}, ${hasActive ? 'building' : 'active'})`.execute(trx);
    // The first build of a read model serves queries while it fills (nothing older to show); any
    // other gets the indexes only queries read when promoted (Projection.queryIndexes).
    if (!hasActive) {
      await createQueryIndexes(trx, projection, tables);
      await pointViews(trx, projection, tables);
    }
    return { projection, generation, tables };
  }

  /**
   * Follows the store live (LISTEN/NOTIFY + polling) from each build's checkpoint. A build whose
   * subscription fails (the database away, a batch that failed) starts again from its checkpoint
   * after a pause that doubles up to `retry.maxMs`, until stopped: a read model must not stay behind
   * until the process is restarted. Each failure is logged; GET /v1/projections shows the lag.
   */
  start(): Promise<void> {
    return this.#lifecycle.start(async () => {
      await this.ensureBuilds();
      this.#stopping = false;
      for (const build of this.#builds.values()) this.#supervisors.push(this.#follow(build));
    });
  }

  stop(): Promise<void> {
    return this.#lifecycle.stop(async () => {
      this.#stopping = true;
      this.#pauses.wakeAll();
      await Promise.all([...this.#live.values()].map((s) => s.stop()));
      await Promise.all(this.#supervisors.splice(0));
    });
  }

  #follow(build: Build): Promise<void> {
    const name = build.projection.name;
    return followWithRetry({
      open: async () => {
        const subscription = this.store.subscribe({
          fromPosition: (await this.#state(build)).position + 1n,
          types: build.projection.eventTypes,
          batchSize: 1000,
          handler: (events, scannedTo) => this.#applyBatch(build, events.map(toProjected), scannedTo),
        });
        this.#live.set(name, subscription);
        const forget = () => {
          if (this.#live.get(name) === subscription) this.#live.delete(name);
        };
        subscription.done.then(forget, forget);
        // A stop() between the state read and here would have missed this subscription.
        if (this.#stopping) await subscription.stop();
        return subscription;
      },
      stopping: () => this.#stopping,
      onFailure: (err, failures, pauseMs) => {
        this.log?.error({ err, projection: name, failures, retryInMs: pauseMs }, 'projection stopped; starting again from its checkpoint');
        return 'retry';
      },
      policy: this.retry,
      pauses: this.#pauses,
    });
  }

  /** Applies everything up to the current head, synchronously (tests, `diaban project --once`, rebuilds). */
  async catchUp(names?: readonly string[], onProgress?: (name: string, position: bigint, head: bigint) => void): Promise<void> {
    if (this.#builds.size === 0) await this.ensureBuilds();
    const head = await this.store.headPosition();
    for (const build of this.#builds.values()) {
      if (names && !names.includes(build.projection.name)) continue;
      let from = (await this.#state(build)).position + 1n;
      for (;;) {
        const page = await this.store.readAll({ fromPosition: from, limit: 2000, types: build.projection.eventTypes });
        if (page.nextPosition <= from) break;
        await this.#applyBatch(build, page.events.map(toProjected), page.nextPosition - 1n);
        onProgress?.(build.projection.name, page.nextPosition - 1n, head);
        from = page.nextPosition;
        if (page.events.length === 0) break;
      }
    }
  }

  /**
   * Builds a projection again from position 0 into a new generation beside the active one, then
   * switches the views to it. Queries keep reading the old tables until the switch.
   */
  async rebuild(name: string, onProgress?: (position: bigint, head: bigint) => void): Promise<void> {
    await this.rebuildMany([name], onProgress);
  }

  /**
   * Rebuilds several projections (each as `rebuild` does) in ONE pass over the log: every page is
   * read and decoded once and handed to each new build, which applies it in its own transaction
   * with its checkpoint (#catchUpTogether). Reading and decoding the log is a large part of a
   * rebuild's cost; doing it once per read model multiplied it by their number. Each build is
   * promoted when it reaches the head, on its own: if one fails, the others may be promoted already.
   */
  async rebuildMany(names: readonly string[], onProgress?: (position: bigint, head: bigint) => void): Promise<void> {
    const builds: Build[] = [];
    for (const name of names) {
      const projection = this.projections.find((p) => p.name === name);
      if (!projection) throw new Error(`no projection named ${name}`);
      builds.push(await this.database.db.transaction().execute(async (trx) => {
        await lock(trx, name);
        const existing = await buildsOf(trx, name);
        // An unfinished earlier rebuild is abandoned, and its tables dropped (no view reads them; a
        // runner still applying to it sees 'retired' under this lock and stops). The new build
        // takes the next generation.
        await sql`UPDATE projection_state SET status = 'retired', updated_at = now()
                  WHERE name = ${name} AND status = 'building'`.execute(trx);
        for (const abandoned of existing.filter((b) => b.status === 'building')) {
          for (const logical of Object.keys(projection.tables)) {
            await sql.raw(`DROP TABLE IF EXISTS ${logical}__v${abandoned.version}g${abandoned.generation} CASCADE`).execute(trx);
          }
        }
        return this.#createBuild(trx, projection, existing);
      }));
    }
    for (const build of builds) this.#builds.set(build.projection.name, build);
    if (builds.length === 0) return;
    await this.#catchUpTogether(builds, onProgress);
    for (const build of builds) {
      const promoted = await this.database.db.transaction().execute(async (trx) => {
        await lock(trx, build.projection.name);
        return this.#promote(trx, build);
      });
      if (promoted) await this.#maintain(build, 'VACUUM');
    }
  }

  /**
   * Brings builds that all start at position 0 to the head, reading and decoding each page of the
   * log once (a PageFeed). Each build applies the pages in its own transactions, with its
   * checkpoint, on its own connection and at its own pace: while PostgreSQL writes one build's
   * rows, this process prepares another's (one transaction for all of them left one of the two
   * idle at every statement). A build may run REBUILD_LOOKAHEAD pages ahead of the slowest, no
   * more: with the page read ahead and the one kept to read it after, at most REBUILD_LOOKAHEAD + 2
   * decoded pages are held.
   */
  async #catchUpTogether(builds: readonly Build[], onProgress?: (position: bigint, head: bigint) => void): Promise<void> {
    const head = await this.store.headPosition();
    const types = [...new Set(builds.flatMap((b) => b.projection.eventTypes))];
    const read = async (fromPosition: bigint): Promise<DecodedPage> => {
      const page = await this.store.readAll({ fromPosition, limit: REBUILD_PAGE_SIZE, types });
      return { from: fromPosition, next: page.nextPosition, ended: page.events.length === 0, events: page.events.map(toProjected) };
    };
    const feed = new PageFeed<DecodedPage>(builds.length, REBUILD_LOOKAHEAD, () => read(1n),
      (previous) => (previous.ended || previous.next <= previous.from ? null : read(previous.next)));
    let reported = 0n;
    const progress = (position: bigint) => {
      // Reported as the slowest build's position: everything before it is in every build.
      if (position <= reported) return;
      reported = position;
      onProgress?.(position, head);
    };
    const reached = builds.map(() => 0n);
    const follow = async (build: Build, reader: number): Promise<void> => {
      const handled: ReadonlySet<string> = new Set(build.projection.eventTypes);
      for (let index = 0; ; index += 1) {
        const page = await feed.take(reader, index);
        if (page === null || page.next <= page.from) return;
        await this.#applyBatch(build, page.events.filter((e) => handled.has(e.type)), page.next - 1n, { relaxedCommit: true });
        reached[reader] = page.next - 1n;
        progress(reached.reduce((a, b) => (b < a ? b : a)));
        if (page.ended) return;
      }
    };
    const outcomes = await Promise.allSettled(builds.map((build, reader) => follow(build, reader).catch((err: unknown) => {
      feed.abort();
      throw err;
    })));
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    // The first is thrown; a build that failed after it (not one stopped by the abort) is logged.
    for (const other of failures.slice(1)) this.log?.error({ err: other.reason }, 'projection rebuild failed');
    if (failures[0]) throw failures[0].reason;
  }

  /**
   * A batch in a transaction of its own; a build it promoted is vacuumed once that commits, and one
   * whose checkpoint passed one of the positions 10,000 × 4^k is analyzed (a rebuild's pages, a new
   * build catching up live, the first build filling as queries read it: all grow from nothing).
   */
  async #applyBatch(build: Build, events: readonly ProjectedEvent[], scannedTo: bigint, options: ApplyInOptions = {}): Promise<void> {
    const outcome = await this.database.db.transaction().execute((trx) => this.#applyIn(trx, build, events, scannedTo, options));
    if (outcome.promoted) await this.#maintain(build, 'VACUUM');
    else if (passesAnalyzeMark(outcome.from, scannedTo)) await this.#maintain(build, 'ANALYZE');
  }

  /**
   * A batch and the build's checkpoint, in the caller's transaction, under the projection's lock.
   * Answers the checkpoint it started from, and whether it promoted the build (the caller vacuums
   * its tables once the transaction is over).
   */
  async #applyIn(trx: Executor, build: Build, events: readonly ProjectedEvent[], scannedTo: bigint, options: ApplyInOptions = {}): Promise<{ from: bigint; promoted: boolean }> {
    const { projection, generation, tables } = build;
    await lock(trx, projection.name);
    const state = (await buildsOf(trx, projection.name)).find((b) => b.version === projection.version && b.generation === generation);
    if (!state || state.status === 'retired' || scannedTo <= state.position) return { from: scannedTo, promoted: false };
    // A rebuild's page of a build nobody reads yet commits without waiting for the WAL flush: its
    // rows and checkpoint still commit together or not at all, and a crash can only take back the
    // last pages of tables no query reads (seven builds committing each page made as many flushes).
    // Promotion (below) sets it back: what it makes visible must be durable.
    if (options.relaxedCommit && state.status === 'building') await sql`SET LOCAL synchronous_commit = off`.execute(trx);
    const fresh = events.filter((e) => e.position > state.position);
    if (fresh.length > 0) await projection.apply(trx, fresh, tables, { deferDerived: state.status === 'building' });
    // changed_position: the last batch with events of the build's types (readModelStamp.ts).
    await sql`UPDATE projection_state SET position = ${scannedTo.toString()}, updated_at = now()
                ${fresh.length > 0 ? sql`, changed_position = ${scannedTo.toString()}` : sql``}
              WHERE name = ${projection.name} AND version = ${projection.version} AND generation = ${generation}`.execute(trx);
    const promoted = state.status === 'building' && scannedTo >= (await visibleHead(trx)) && (await this.#promote(trx, build));
    return { from: state.position, promoted };
  }

  /** Switches the views to the build; true when it was building until now (false: already active). */
  async #promote(trx: Executor, build: Build): Promise<boolean> {
    const { projection, generation, tables } = build;
    // The setting in force at commit counts: a promotion waits for the flush, whatever the page before it did.
    await sql`SET LOCAL synchronous_commit = on`.execute(trx);
    const builds = await buildsOf(trx, projection.name);
    const isOwn = (b: BuildState) => b.version === projection.version && b.generation === generation;
    const previous = builds.filter((b) => b.status !== 'retired' && !isOwn(b));
    const own = builds.find(isOwn);
    // While building, the tables were filled without the indexes only queries read, and batches left
    // the derived tables alone (ApplyOptions.deferDerived).
    if (own?.status === 'building') {
      await createQueryIndexes(trx, projection, tables);
      await projection.recountDerived?.(trx, tables);
    }
    await sql`UPDATE projection_state SET status = 'retired', updated_at = now()
              WHERE name = ${projection.name} AND NOT (version = ${projection.version} AND generation = ${generation}) AND status <> 'retired'`.execute(trx);
    await sql`UPDATE projection_state SET status = 'active', promoted_at = now(), updated_at = now()
              WHERE name = ${projection.name} AND version = ${projection.version} AND generation = ${generation}`.execute(trx);
    // A new build's tables have no statistics until autovacuum gets to them (never, where it is
    // off); queries planned blind picked nested loops over whole tables (coverage: 140 ms, not 11).
    for (const table of Object.values(tables)) await sql.raw(`ANALYZE ${table}`).execute(trx);
    await pointViews(trx, projection, tables);
    for (const old of previous) {
      for (const logical of Object.keys(projection.tables)) {
        await sql.raw(`DROP TABLE IF EXISTS ${logical}__v${old.version}g${old.generation} CASCADE`).execute(trx);
      }
    }
    this.log?.info({ projection: projection.name, version: projection.version, generation }, 'projection build promoted');
    return own?.status === 'building';
  }

  /**
   * VACUUM after a promotion, ANALYZE while filling: each of a build's tables, outside any
   * transaction (VACUUM refuses one). Both only make reads faster: a failure (a table dropped
   * meanwhile by a newer build, a command refused) costs speed, not data, and must not stop the
   * runner, so it is logged.
   *
   * VACUUM: a build is written in bulk and read at once; until vacuumed, its pages are not marked
   * all-visible, so index-only scans visit the heap, and the first readers set the hint bits of every
   * row. Vacuumed, the dashboards over a fresh rebuild answered ~20 % more requests a second
   * (PostgreSQL, 985,147 events; 0.8 s for every table). Autovacuum would do it too, later, where it
   * runs. ANALYZE: see ANALYZE_FIRST_AT.
   */
  async #maintain(build: Build, command: 'VACUUM' | 'ANALYZE'): Promise<void> {
    for (const table of Object.values(build.tables)) {
      try {
        await sql.raw(`${command} ${table}`).execute(this.database.db);
        this.log?.debug({ table }, command === 'VACUUM' ? 'vacuumed after promotion' : 'analyzed while filling');
      } catch (err) {
        this.log?.warn({ err, table }, `${command} of a build's table failed`);
      }
    }
  }

  async #state(build: Build): Promise<BuildState> {
    const state = (await buildsOf(this.database.db, build.projection.name)).find(
      (b) => b.version === build.projection.version && b.generation === build.generation,
    );
    if (!state) throw new Error(`projection ${build.projection.name} has no state row`);
    return state;
  }

  /** Every build's checkpoint, the head and the lag (GET /v1/projections). */
  async status(): Promise<{ head: bigint; builds: (BuildState & { lag: bigint })[] }> {
    const head = await this.store.headPosition();
    const rows = await sql<{ name: string; version: number; generation: number; position: string | bigint; status: BuildState['status'] }>`
      SELECT name, version, generation, position, status FROM projection_state WHERE status <> 'retired' ORDER BY name, version, generation`.execute(this.database.db);
    return {
      head,
      builds: rows.rows.map((r) => {
        const position = BigInt(r.position);
        return { name: r.name, version: r.version, generation: r.generation, position, status: r.status, lag: head > position ? head - position : 0n };
      }),
    };
  }
}

function toProjected(e: StoredEvent): ProjectedEvent {
  const { type, data } = decodeEvent(e.type, e.schemaVersion, e.data);
  // Built with one shape for every type (a spread of the decoded event made one per type, and
  // every later read of these objects slower), type and data correlated as decodeEvent made them.
  return {
    type, data,
    position: e.globalPosition,
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    eventId: e.eventId,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    metadata: e.metadata,
  } as ProjectedEvent;
}

async function lock(trx: Executor, name: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${LOCK_NS}, hashtext(${name}))`.execute(trx);
}

/** Every build of a projection, as projection_state holds them (read in the caller's transaction). */
export async function buildsOf(db: Executor, name: string): Promise<BuildState[]> {
  const rows = await sql<{ version: number; generation: number; position: string | bigint; status: BuildState['status'] }>`
    SELECT version, generation, position, status FROM projection_state WHERE name = ${name}`.execute(db);
  return rows.rows.map((r) => ({ name, version: r.version, generation: r.generation, position: BigInt(r.position), status: r.status }));
}

/** The same visibility rule as the store's readers (README "Ordering guarantee"). */
async function visibleHead(db: Executor): Promise<bigint> {
  const rows = await sql<{ p: string | bigint }>`
    SELECT coalesce((SELECT global_position FROM events
                     WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                     ORDER BY global_position DESC LIMIT 1), 0) AS p`.execute(db);
  return BigInt(rows.rows[0]?.p ?? 0);
}

async function createQueryIndexes(trx: Executor, projection: Projection, tables: TableNames): Promise<void> {
  for (const [logical, ddl] of Object.entries(projection.queryIndexes ?? {}) as [string, ((p: string) => string) | undefined][]) {
    if (ddl === undefined) continue;
    for (const statement of splitStatements(ddl(tables[logical]!))) await sql.raw(statement).execute(trx);
  }
}

async function pointViews(trx: Executor, projection: Projection, tables: TableNames): Promise<void> {
  for (const logical of Object.keys(projection.tables)) {
    await sql.raw(`DROP VIEW IF EXISTS ${logical}`).execute(trx);
    await sql.raw(`CREATE VIEW ${logical} AS SELECT * FROM ${tables[logical]}`).execute(trx);
  }
}

/** DDL callbacks may hold several statements; the extended protocol takes one at a time. */
function splitStatements(ddl: string): string[] {
  return ddl.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * The first position after which a filling build's tables are analyzed; then at every fourfold.
 * Without statistics, the planner takes each element of `column = ANY (array)` on a column no
 * unique index covers to match 0.5 % of the rows, so a page's lookup of a few hundred visits by
 * report (attendance, reports) was planned as a scan of the whole table, and its cost grew with the
 * table: 0 to 180 ms a page, 13 s of a 985,147-event rebuild's statements. Analyzing as they double
 * cost more than it saved (the visits tables' ANALYZE takes ~0.2 s at that size); fourfold, a few
 * seconds.
 */
const ANALYZE_FIRST_AT = 10_000n;

/** Whether a checkpoint moving from `from` to `to` passes one of ANALYZE_FIRST_AT × 4^k. */
function passesAnalyzeMark(from: bigint, to: bigint): boolean {
  for (let mark = ANALYZE_FIRST_AT; mark <= to; mark *= 4n) if (mark > from) return true;
  return false;
}
