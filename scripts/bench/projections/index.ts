import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { SuiteOptions } from '../index.js';
import { progress } from '../lib/log.js';
import { ratioTable, type Figure, type Ratio, type SuiteReport } from '../lib/report.js';
import { formatRate } from '../lib/table.js';
import { perSecond, timed } from '../lib/timing.js';
import { TokenStore } from '../../../src/auth/TokenStore.js';
import { openPostgres } from '../../../src/db/openPostgres.js';
import type { Database } from '../../../src/db/Database.js';
import { todayInVietnam, yearOf } from '../../../src/domain/time.js';
import { canonicalize } from '../../../src/ledger/jcs.js';
import { PostgresEventStore } from '../../../src/store/postgres/PostgresEventStore.js';
import { scanAndCopy } from './ceiling.js';
import { CONNECTIONS, dashboardQueries, measureRoute, startServer, type RouteFigures, type Write } from './dashboard.js';
import { generateHistory } from './generate.js';
import { PROVINCE } from './province.js';
import { rebuildAll } from './rebuild.js';

/** Targets from issue 5. */
const TARGETS = { rebuild_vs_ceiling: 0.4 } as const;
const P99_TARGET_MS = 50;

const FULL = { events: 1_000_000, cadres: 2_000, seconds: 15 };
/** A smoke test of the whole path (and what to iterate with), not figures to publish. */
const QUICK = { events: 20_000, cadres: 100, seconds: 2 };
const APP_ROLE = 'diaban_bench_app';

/**
 * `npm run bench -- projections`: a province's history of ~1,000,000 events generated through the
 * store port (month by month, 8 writers); every read model rebuilt from it as `diaban rebuild` does, against the raw ceiling
 * measured in the same run (keyset scan of the events plus COPY of as many rows); then the
 * dashboard routes measured with autocannon against the server running on that database.
 */
export async function runProjectionsSuite(options: SuiteOptions): Promise<SuiteReport> {
  const size = options.quick ? QUICK : FULL;
  const schema = `bench_projections_${randomBytes(4).toString('hex')}`;
  const database = await openPostgres({ url: options.databaseUrl, schema, appRole: APP_ROLE, poolSize: 10 });
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  try {
    const server = (await sql<{ v: string }>`SELECT version() AS v`.execute(database.db)).rows[0]!.v.split(' on ')[0]!;
    const today = todayInVietnam(new Date().toISOString());
    progress(`generating ~${size.events} events into ${schema}`);
    let events = 0;
    const generateMs = await timed(async () => {
      events = await generateHistory(store, { events: size.events, cadres: size.cadres, fromYear: yearOf(today) - 5, today, seed: 5 });
    });
    // What autovacuum would have done by now on a server that runs it (the development server
    // runs with autovacuum off): without statistics the store's reads are planned blind.
    await database.withOwner((db) => sql.raw(`ANALYZE ${schema}.events`).execute(db));
    progress(`${events} events in ${(generateMs / 1000).toFixed(0)} s; raw ceiling (scan + COPY)`);
    const ceiling1 = await scanAndCopy(options.databaseUrl, schema);
    progress('rebuilding every read model');
    const rebuildMs = await rebuildAll(database, store);
    progress('raw ceiling again');
    const ceiling2 = await scanAndCopy(options.databaseUrl, schema);
    if (ceiling1.rows !== events || ceiling2.rows !== events) throw new Error(`the ceiling scanned ${ceiling1.rows} / ${ceiling2.rows} rows of ${events}`);
    await checkRowCounts(database);

    progress('dashboard routes against the running server');
    const token = (await new TokenStore(database).create({ role: 'admin', label: 'projections bench' })).token;
    const routes: RouteFigures[] = [];
    const write = await visitWriter(store);
    const dashboard = await startServer(options.databaseUrl, schema, APP_ROLE);
    try {
      for (const [route, queries] of Object.entries(dashboardQueries(yearOf(today), PROVINCE))) {
        routes.push(await measureRoute(dashboard.url, token, route, queries, size.seconds, write));
      }
    } finally {
      await dashboard.close();
    }
    return report({ server, events, generateMs, rebuildMs, ceilings: [ceiling1, ceiling2], routes, seconds: size.seconds });
  } finally {
    await store.close();
    await database.close();
    await database.withOwner((db) => sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(db));
  }
}

/**
 * Writes for the "after a write" figures: one more visit each time, a copy of the history's first
 * visit under a new id in a stream of its own (the read models count it like any other).
 */
async function visitWriter(store: PostgresEventStore): Promise<Write> {
  const template = (await store.readAll({ fromPosition: 1n, limit: 1, types: ['VisitLogged'] })).events[0]!;
  let n = 0;
  return async () => {
    n += 1;
    const result = await store.appendToStream(`bench-visit-${n}`, [{
      eventId: randomUUID(), type: 'VisitLogged', schemaVersion: template.schemaVersion,
      data: { ...(template.data as Record<string, unknown>), visitId: randomUUID() }, metadata: template.metadata, occurredAt: template.occurredAt,
    }]);
    return result.positions[0]!;
  };
}

/**
 * A fast rebuild that lost rows would lie: the rebuilt tables must hold one visit row per visit
 * logged and one recommendation row per recommendation raised, as the events say.
 */
async function checkRowCounts(database: Database): Promise<void> {
  const count = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await q.execute(database.db)).rows[0]!.n);
  const visits = await count(sql`SELECT count(*) AS n FROM events WHERE type = 'VisitLogged'`);
  const raised = await count(sql`SELECT count(*) AS n FROM events WHERE type = 'RecommendationRaised'`);
  const checks: [string, number, number][] = [
    ['attendance_visits', await count(sql`SELECT count(*) AS n FROM attendance_visits`), visits],
    ['reports_visits', await count(sql`SELECT count(*) AS n FROM reports_visits`), visits],
    ['recommendations_items', await count(sql`SELECT count(*) AS n FROM recommendations_items`), raised],
  ];
  for (const [table, rows, expected] of checks) {
    if (rows !== expected) throw new Error(`${table} holds ${rows} rows after the rebuild; the events say ${expected}`);
  }
}

interface Results {
  server: string;
  events: number;
  generateMs: number;
  rebuildMs: number;
  ceilings: { rows: number; ms: number; scanMs: number }[];
  routes: RouteFigures[];
  seconds: number;
}

function report(r: Results): SuiteReport {
  const best = r.ceilings.reduce((a, b) => (b.ms < a.ms ? b : a));
  const figures: Record<string, Figure> = {
    generate: { value: perSecond(r.events, r.generateMs), unit: 'events/s' },
    rebuild: { value: perSecond(r.events, r.rebuildMs), unit: 'events/s' },
    ceiling_scan_copy: { value: perSecond(best.rows, best.ms), unit: 'rows/s' },
    keyset_scan: { value: perSecond(best.rows, best.scanMs), unit: 'rows/s' },
    ...Object.fromEntries(r.routes.flatMap((d) => [
      [`dashboard_${d.route}_p99_ms`, { value: d.p99, unit: 'ms' }],
      [`dashboard_${d.route}_p50_ms`, { value: d.p50, unit: 'ms' }],
      [`dashboard_${d.route}_alone_p99_ms`, { value: d.alone.p99, unit: 'ms' }],
      [`dashboard_${d.route}_after_write_p50_ms`, { value: d.afterWrite.p50, unit: 'ms' }],
    ])),
  };
  const ratios: Record<keyof typeof TARGETS, Ratio> = {
    rebuild_vs_ceiling: { value: figures.rebuild!.value / figures.ceiling_scan_copy!.value, target: TARGETS.rebuild_vs_ceiling },
  };
  const count = formatRate(r.events);
  return {
    suite: 'projections',
    figures,
    ratios,
    databases: [r.server],
    tables: [
      {
        title: `Rebuild of every read model from ${count} events (PostgreSQL)`,
        columns: ['measure', 'value'],
        rows: [
          ['history generated through appendToStream (8 writers, one call per stream and month)', `${formatRate(figures.generate!.value)} events/s`],
          ['raw ceiling: keyset scan + COPY of as many rows, one pass', `${formatRate(figures.ceiling_scan_copy!.value)} rows/s (${(best.ms / 1000).toFixed(1)} s)`],
          ['  of which the keyset scan alone', `${formatRate(figures.keyset_scan!.value)} rows/s`],
          ['diaban rebuild, every read model', `${formatRate(figures.rebuild!.value)} events/s (${(r.rebuildMs / 1000).toFixed(1)} s)`],
        ],
        notes: [
          `Generated: ${count} events of a province (Nghệ An's 2024 units, 16 provincial bodies, cadres following communes over two terms, five years of trips, reports, recommendations and evaluations), valid under the event schemas; the ledger's sealer does not run.`,
          'Rebuild: `diaban rebuild` through its own function (all read models blue/green in one pass over the log, 10,000 events a page read and decoded once, each read model applying the pages in its own transactions with its checkpoint, concurrently, then its deferred recounts at promotion); the ceiling is the better of two runs, one before and one after.',
        ],
      },
      ratioTable(ratios),
      {
        title: `Dashboard routes at ${count} events (autocannon, ${CONNECTIONS} connections, ${r.seconds} s each)`,
        columns: ['route', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'requests/s', `p99 ≤ ${P99_TARGET_MS} ms`, 'alone: requests', 'alone: p50 / p99 ms', 'after a write: p50 / max ms', 'first answers ms'],
        rows: r.routes.map((d) => [
          `GET /v1/dashboard/${d.route}`, String(d.requests), d.p50.toFixed(0), d.p99.toFixed(0), d.max.toFixed(0), d.rps.toFixed(1), d.p99 <= P99_TARGET_MS ? 'met' : 'MISSED',
          String(d.alone.requests), `${d.alone.p50.toFixed(0)} / ${d.alone.p99.toFixed(0)}`, `${d.afterWrite.p50.toFixed(0)} / ${d.afterWrite.max.toFixed(0)}`,
          d.alone.warmUp.map((ms) => ms.toFixed(0)).join(' / '),
        ]),
        notes: [
          'Each route cycles through its queries (this year and last, the province, a filter) after one warm-up request each; an admin token; the server is `serve` without the demo and the sealer, in a process of its own.',
          `"alone": the same with one connection first (one user's wait, no queue). With few requests in ${r.seconds} s, p99 is the slowest answer.`,
          '"after a write": one visit logged, then, once every read model has projected it, one request timed; 10 times per route (the median and the slowest). Attendance\'s cadre-year figures, kept between answers under the read model\'s position, are read again here; the folded contexts are not (a visit is not a context event: a context change, rarer, refolds them). The figures under load above are at rest: no writes while they are measured.',
          'Every route but the summary keeps its answers while the read models it reads stay as they were (src/projections/AnswerCache.ts): the figures under load, at rest, are of kept answers. A visit does not change coverage, recommendations or evaluations, whose "after a write" figures are of kept answers too; it changes attendance and reports, whose "after a write" figures are worked out. "first answers": the warm-up answer of each of the route\'s queries, the first since the server started, worked out (with the context folded, for the routes that fold one); this is what an answer costs once its read model has changed.',
        ],
      },
    ],
  };
}
