import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import t from 'tap';

// Runs `npm run bench -- store --quick --json` end to end, so the benchmark cannot rot unnoticed. It needs
// the PostgreSQL server the bench uses (DATABASE_URL, default the local test database), even when the
// rest of the tests run on PGlite.
const root = resolve(import.meta.dirname, '../..');
const ratioNames = [
  'append_seq_vs_raw',
  'append_c8_vs_raw',
  'append_seq_vs_emmett',
  'append_c8_vs_emmett',
  'append_batch_vs_multirow',
  'readall_vs_scan',
];

/** The bench needs a server; on a machine with none (npm test falls back to PGlite) it is skipped. */
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

t.test('the store bench runs in quick mode and prints one JSON document', { skip: !(await serverAnswers()) && 'no PostgreSQL server answers (DATABASE_URL or 127.0.0.1:5432)' }, async (t) => {
  const benchmarks = resolve(root, 'BENCHMARKS.md');
  const before = existsSync(benchmarks) ? statSync(benchmarks).mtimeMs : null;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['bin/run-ts.js', 'scripts/bench/index.ts', 'store', '--quick', '--json'],
    { cwd: root, timeout: 120_000, maxBuffer: 10_000_000 },
  );
  const report = JSON.parse(stdout) as {
    suite: unknown;
    figures: Record<string, { value: unknown; unit: unknown }>;
    ratios: Record<string, unknown>;
  };
  t.same(Object.keys(report), ['suite', 'figures', 'ratios']);
  t.equal(report.suite, 'store');
  for (const name of ['raw_insert_seq', 'append_seq', 'emmett_append_c8', 'readall', 'keyset_scan', 'pglite_append_seq']) {
    t.ok(report.figures[name], `figure ${name}`);
  }
  for (const [name, figure] of Object.entries(report.figures)) {
    t.ok(typeof figure.value === 'number' && figure.value > 0, `${name} is a positive number`);
    t.equal(figure.unit, 'events/s', `${name} unit`);
  }
  t.same(Object.keys(report.ratios).sort(), [...ratioNames].sort());
  for (const [name, ratio] of Object.entries(report.ratios)) {
    t.ok(typeof ratio === 'number' && Number.isFinite(ratio) && ratio > 0, `${name} is a positive number`);
  }
  t.equal(existsSync(benchmarks) ? statSync(benchmarks).mtimeMs : null, before, 'quick runs leave BENCHMARKS.md alone');
});
