import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../../../src/db/openPostgres.js';
import { PostgresEventStore } from '../../../src/store/postgres/PostgresEventStore.js';
import { progress } from '../lib/log.js';
import { slices } from '../lib/timing.js';
import { diabanContender } from './diaban.js';
import { emmettRunner } from './emmettRunner.js';
import { rawContender, rawTableSql } from './raw.js';
import { readAllVsScan } from './readAll.js';
import { localRunner, warmUp, type Runner } from './runner.js';
import type { Mode, WorkloadSize } from './workload.js';

export interface Timings {
  seq: number;
  c8: number;
  batch: number;
}

export interface PostgresResults {
  /** Milliseconds per contender and step, summed over the rounds. */
  ms: Record<'raw' | 'diaban' | 'emmett', Timings>;
  read: { events: number; readAllMs: number; scanMs: number };
  server: string;
}

/**
 * Raw ceiling, diaban and Emmett side by side on one PostgreSQL database, in a fresh schema dropped
 * afterwards. Each step runs in rounds; in each round every contender does its share, the one going
 * first rotating, so a burst of load from elsewhere on the machine hits all of them alike.
 */
export async function runOnPostgres(url: string, size: WorkloadSize): Promise<PostgresResults> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const owner = new pg.Pool({ connectionString: url, max: 2 });
  const runners: Runner[] = [];
  let emmettDatabase: { name: string; url: string } | undefined;
  try {
    const server = await describeServer(owner);
    progress(`PostgreSQL: schema ${schema}`);
    const database = await openPostgres({ url, schema, appRole: 'diaban_app', poolSize: size.writers + 2 });
    const store = new PostgresEventStore(database);
    const diaban = diabanContender(store, async () => {
      await store.close();
      await database.close();
    });
    await owner.query(rawTableSql(schema));
    const raw = rawContender(new pg.Pool({ connectionString: url, max: size.writers }), schema);
    await Promise.all([warmUp(raw, size), warmUp(diaban, size)]);
    runners.push(localRunner('raw', raw, size), localRunner('diaban', diaban, size));
    progress('starting Emmett in its own process');
    emmettDatabase = await createEmmettDatabase(owner, url, schema);
    runners.push(await emmettRunner(emmettDatabase.url, size));

    const ms = { raw: zero(), diaban: zero(), emmett: zero() };
    const add = (name: string, step: keyof Timings, value: number) => (ms[name as keyof typeof ms][step] += value);
    for (const mode of ['seq', 'c8'] as Mode[]) {
      for (const [round, count] of slices(size.events, size.rounds).entries()) {
        progress(`single-event appends, ${mode}, round ${round + 1}/${size.rounds}`);
        for (const runner of rotate(runners, round)) add(runner.name, mode, await runner.singles(mode, count));
      }
    }
    for (const [round, count] of slices(size.batches, size.rounds).entries()) {
      progress(`batch appends, round ${round + 1}/${size.rounds}`);
      for (const runner of rotate(runners, round)) add(runner.name, 'batch', await runner.batches(count));
    }
    progress('readAll against a keyset scan');
    const read = await readAllVsScan(store, owner, schema, size.rounds);
    return { ms, read, server };
  } finally {
    await Promise.allSettled(runners.map((r) => r.close()));
    await owner.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch((err: unknown) => progress(`could not drop ${schema}: ${String(err)}`));
    if (emmettDatabase?.name) {
      await owner
        .query(`DROP DATABASE IF EXISTS ${emmettDatabase.name} WITH (FORCE)`)
        .catch((err: unknown) => progress(`could not drop database ${emmettDatabase?.name}: ${String(err)}`));
    }
    await owner.end();
  }
}

/**
 * Emmett gets a database of its own for the run. Its migration creates each function only
 * `IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = ...)`, a test over every schema of the
 * database, so a schema of its own is not enough: one Emmett function left anywhere in the database
 * (a killed run, a concurrent one) makes it skip creating its own and fail. Where the role may not
 * create databases, it falls back to the run's schema through search_path.
 */
async function createEmmettDatabase(owner: pg.Pool, url: string, schema: string): Promise<{ name: string; url: string }> {
  const name = `${schema}_emmett`;
  try {
    await owner.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    return { name, url: u.toString() };
  } catch (err) {
    progress(`cannot create a database for Emmett (${String(err)}); using schema ${schema}`);
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    return { name: '', url: u.toString() };
  }
}

async function describeServer(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit')`,
  );
  const s = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  return `PostgreSQL ${s.server_version} (fsync ${s.fsync}, synchronous_commit ${s.synchronous_commit})`;
}

function zero(): Timings {
  return { seq: 0, c8: 0, batch: 0 };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
