import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { progress } from '../lib/log.js';
import { percentile } from '../lib/timing.js';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');

/**
 * A few people on a province's dashboard at once: 4 connections keep the server busy on the
 * 2-core machine (PostgreSQL shares it) without measuring only the queue in front of it.
 */
export const CONNECTIONS = 4;

export interface Latency {
  p50: number;
  p99: number;
  max: number;
  requests: number;
  rps: number;
  /** The warm-up answer of each query, in ms: the first of the run, worked out rather than kept (AnswerCache). */
  warmUp: number[];
}

/** A route under CONNECTIONS connections, and alone (one connection: one user's wait, no queue). */
export interface RouteFigures extends Latency {
  route: string;
  alone: Latency;
  /** The first answer after a write reached every read model (what is kept between answers is read again). */
  afterWrite: { p50: number; max: number; samples: number };
}

/** Appends one event and returns its global position. */
export type Write = () => Promise<bigint>;

/** Answers timed after a write, one each. */
const AFTER_WRITE_SAMPLES = 10;

/** Each route with the queries it is asked in turn: two years, a province, a filter. */
export function dashboardQueries(year: number, province: string): Record<string, string[]> {
  return {
    attendance: [`?year=${year}`, `?year=${year - 1}`, `?year=${year}&province=${province}`],
    reports: [`?year=${year}`, `?year=${year - 1}&province=${province}`],
    recommendations: ['', '?status=overdue', `?province=${province}`],
    evaluations: [`?year=${year - 1}`, ''],
    summary: [`?province=${province}`, `?province=${province}&from=${year - 1}-01-01&to=${year - 1}-12-31`],
    coverage: [`?province=${province}`, ''],
  };
}

export interface DashboardServer {
  url: string;
  close(): Promise<void>;
}

/** Starts serverChild.ts on the bench's schema and waits until it listens. */
export async function startServer(databaseUrl: string, schema: string, appRole: string): Promise<DashboardServer> {
  // With the young generation the bench runs with (package.json "bench", as "start" runs the
  // server); only that flag: the bench's other flags (tap's loaders, --inspect) are not the server's.
  const semiSpace = process.execArgv.filter((flag) => flag.startsWith('--max-semi-space-size'));
  const child: ChildProcess = spawn(process.execPath, [...semiSpace, 'bin/run-ts.js', 'scripts/bench/projections/serverChild.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env, DATABASE_URL: databaseUrl, DIABAN_SCHEMA: schema, DIABAN_APP_ROLE: appRole, LOG_LEVEL: 'warn',
      DIABAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'diaban-bench-server-')),
    },
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`))));
  const line = await Promise.race([
    new Promise<string>((ok) => createInterface({ input: child.stdout! }).once('line', ok)),
    exited,
  ]);
  const { port } = JSON.parse(line) as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      exited.catch(() => undefined);
      const done = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await done;
    },
  };
}

/**
 * Measures one route with autocannon: a warm-up of every query first (the first answer after a
 * context change folds the context; steady state is what a dashboard user meets), then
 * `seconds` of `connections` connections cycling through the queries. Any answer but 200 fails the
 * run: fast errors must not pass for fast answers.
 */
export async function measureRoute(url: string, token: string, route: string, queries: readonly string[], seconds: number, write: Write): Promise<RouteFigures> {
  const alone = await measure(url, token, route, queries, seconds, 1);
  const loaded = await measure(url, token, route, queries, seconds, CONNECTIONS);
  return { route, alone, ...loaded, afterWrite: await measureAfterWrite(url, token, route, queries, write) };
}

/**
 * The answers a dashboard user meets right after someone logged a visit: a write, then (once every
 * read model has projected it: the wait is the projections', not the route's) one request timed,
 * cycling through the route's queries. Attendance, which keeps its cadre-year figures between
 * requests under the read model's position, pays here for reading them again (a visit does not
 * change the folded contexts, which stay).
 */
async function measureAfterWrite(url: string, token: string, route: string, queries: readonly string[], write: Write): Promise<RouteFigures['afterWrite']> {
  const headers = { authorization: `Bearer ${token}` };
  const times: number[] = [];
  for (let i = 0; i < AFTER_WRITE_SAMPLES; i++) {
    const position = await write();
    for (;;) {
      const status = (await (await fetch(`${url}/v1/projections`, { headers })).json()) as { projections: Array<{ status: string; position: string }> };
      if (status.projections.filter((p) => p.status === 'active').every((p) => BigInt(p.position) >= position)) break;
      await new Promise((ok) => setTimeout(ok, 10));
    }
    const path = `/v1/dashboard/${route}${queries[i % queries.length]}`;
    const start = performance.now();
    const answer = await fetch(url + path, { headers });
    await answer.arrayBuffer();
    times.push(performance.now() - start);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status} after a write`);
  }
  return { p50: percentile(times, 0.5), max: Math.max(...times), samples: times.length };
}

async function measure(url: string, token: string, route: string, queries: readonly string[], seconds: number, connections: number): Promise<Latency> {
  const path = (q: string) => `/v1/dashboard/${route}${q}`;
  const headers = { authorization: `Bearer ${token}` };
  const warmUp: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    const answer = await fetch(url + path(q), { headers });
    if (answer.status !== 200) throw new Error(`GET ${path(q)} answered ${answer.status}: ${await answer.text()}`);
    await answer.arrayBuffer();
    warmUp.push(performance.now() - start);
  }
  progress(`  autocannon ${route} (${connections} connection${connections > 1 ? 's' : ''}, ${seconds} s)`);
  const result = await autocannon({
    // A slow answer is a figure to report, not a timeout to fail on (autocannon's default is 10 s).
    url, connections, duration: seconds, headers, timeout: 120,
    requests: queries.map((q) => ({ method: 'GET', path: path(q) })),
  });
  // autocannon stops on time and drops what is in flight; the server still works those answers
  // off, and they must not slow the next route's first requests.
  await new Promise((ok) => setTimeout(ok, result.latency.max + 200));
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${route}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, requests: result.requests.total, rps: result.requests.average, warmUp };
}
