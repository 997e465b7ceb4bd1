/**
 * `npm run bench -- <suite> [--json] [--quick] [--no-append]`: runs one benchmark suite, prints its
 * tables (stdout; stderr with --json, whose stdout is one JSON document), and appends full runs to
 * BENCHMARKS.md with the command and the machine. Later suites register below.
 */
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, parseArgs, UsageError } from './lib/args.js';
import { appendRun } from './lib/benchmarksFile.js';
import { describeMachine } from './lib/machine.js';
import { toJson, type SuiteReport } from './lib/report.js';
import { formatTable } from './lib/table.js';

export interface SuiteOptions {
  quick: boolean;
  /** The PostgreSQL server the suite runs on. */
  databaseUrl: string;
}

type Suite = (options: SuiteOptions) => Promise<SuiteReport>;

const suites: Record<string, Suite> = {
  store: async (o) => (await import('./store/index.js')).runStoreSuite(o),
  ledger: async (o) => (await import('./ledger/index.js')).runLedgerSuite(o),
  projections: async (o) => (await import('./projections/index.js')).runProjectionsSuite(o),
};

const DEFAULT_URL = 'postgres://root@127.0.0.1:5432/test';
const root = resolve(fileURLToPath(import.meta.url), '../../..');

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  const suite = suites[args.suite];
  if (!suite) throw new UsageError(`unknown suite "${args.suite}" (known: ${Object.keys(suites).join(', ')})`);
  const date = new Date();
  const loadAtStart = os.loadavg()[0]!;
  const report = await suite({ quick: args.quick, databaseUrl: process.env.DATABASE_URL || DEFAULT_URL });
  const text = report.tables.map(formatTable).join('\n\n') + '\n';
  if (args.json) {
    process.stderr.write(text);
    process.stdout.write(toJson(report) + '\n');
  } else {
    process.stdout.write(text);
  }
  if (args.append) {
    const path = resolve(root, 'BENCHMARKS.md');
    appendRun(path, {
      suite: report.suite,
      command: commandLine(argv),
      date,
      machine: describeMachine(report.databases, loadAtStart),
      tables: report.tables,
    });
    process.stderr.write(`[bench] appended to ${path}\n`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\nusage: npm run bench -- <${Object.keys(suites).join('|')}> [--json] [--quick] [--no-append]\n`);
    process.exit(2);
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
