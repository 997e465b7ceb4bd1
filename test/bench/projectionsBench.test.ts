import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import t from 'tap';

// Runs `npm run bench -- projections --quick --json` end to end (generation, rebuild against the
// ceiling, the server under autocannon), so the benchmark cannot rot unnoticed. It needs the
// PostgreSQL server the bench uses (DATABASE_URL, default the local test database), even when the
// rest of the tests run on PGlite.
const root = resolve(import.meta.dirname, '../..');
const routes = ['attendance', 'reports', 'recommendations', 'evaluations', 'summary', 'coverage'];

async function serverAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test', connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

t.test('the projections bench runs in quick mode and prints one JSON document', { skip: !(await serverAnswers()) && 'no PostgreSQL server answers (DATABASE_URL or 127.0.0.1:5432)', timeout: 240_000 }, async (t) => {
  const benchmarks = resolve(root, 'BENCHMARKS.md');
  const before = existsSync(benchmarks) ? statSync(benchmarks).mtimeMs : null;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['bin/run-ts.js', 'scripts/bench/index.ts', 'projections', '--quick', '--json'],
    { cwd: root, timeout: 230_000, maxBuffer: 10_000_000 },
  );
  const report = JSON.parse(stdout) as { suite: unknown; figures: Record<string, { value: unknown; unit: unknown }>; ratios: Record<string, unknown> };
  t.same(Object.keys(report), ['suite', 'figures', 'ratios']);
  t.equal(report.suite, 'projections');
  for (const name of ['generate', 'rebuild', 'ceiling_scan_copy', 'keyset_scan', ...routes.flatMap((r) => [`dashboard_${r}_p99_ms`, `dashboard_${r}_alone_p99_ms`])]) {
    const figure = report.figures[name];
    t.ok(figure && typeof figure.value === 'number' && figure.value > 0, `${name} is a positive number`);
  }
  t.equal(report.figures.rebuild?.unit, 'events/s');
  t.equal(report.figures.dashboard_attendance_p99_ms?.unit, 'ms');
  t.same(Object.keys(report.ratios), ['rebuild_vs_ceiling']);
  const ratio = report.ratios.rebuild_vs_ceiling;
  t.ok(typeof ratio === 'number' && Number.isFinite(ratio) && ratio > 0, 'rebuild_vs_ceiling is a positive number');
  t.equal(existsSync(benchmarks) ? statSync(benchmarks).mtimeMs : null, before, 'quick runs leave BENCHMARKS.md alone');
});
