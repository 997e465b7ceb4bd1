import { InvalidArgumentError, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { importUnits, type ImportSummary } from '../../import/importUnits.js';
import { UnknownProvinceError } from '../../import/reformIndex.js';
import { withRuntime } from '../withRuntime.js';

/** PGlite has one connection; on PostgreSQL 8 commands in flight fit the default pool of 10. */
const CONCURRENCY = { pglite: 1, postgres: 8 } as const;

interface ImportUnitsFlags {
  onlyProvinces?: string[];
  until: 2024 | 2025;
  concurrency?: number;
}

export function registerImportUnits(program: Command): void {
  program
    .command('import-units')
    .description('load the 2024 administrative units, then the 1/7/2025 reform, from data/vn-admin-units (idempotent)')
    .option('--only-provinces <codes>', '2024 province codes, e.g. 10,06,40,83 (their 2025 partners come along)', parseCodes)
    .option('--until <year>', '2024: the baseline only; 2025: the reform too', parseUntil, 2025)
    .option('--concurrency <n>', 'commands in flight (default 8 on PostgreSQL, 1 on PGlite)', parseConcurrency)
    .action((flags: ImportUnitsFlags) =>
      withRuntime(async (runtime) => {
        const bar = new cliProgress.SingleBar({
          stream: process.stderr,
          format: 'import-units {phase} [{bar}] {value}/{total} commands | {events} events | {duration_formatted}',
          hideCursor: true,
        }, cliProgress.Presets.shades_classic);
        let events = 0;
        try {
          const summary = await importUnits({
            store: runtime.store,
            now: () => new Date(),
            concurrency: flags.concurrency ?? CONCURRENCY[runtime.database.kind],
            ...(flags.onlyProvinces ? { onlyProvinces: flags.onlyProvinces } : {}),
            until: flags.until,
            onPlan: (_plan, commands) => bar.start(commands, 0, { phase: '2024', events }),
            onStep: (phase, appended) => {
              events += appended;
              bar.increment(1, { phase, events });
            },
          });
          bar.stop();
          process.stdout.write(formatSummary(summary, runtime.database.kind));
        } catch (error) {
          bar.stop();
          // A wrong province code is the user's mistake: a message and exit code 2, as for bad config.
          if (!(error instanceof UnknownProvinceError)) throw error;
          process.stderr.write(`diaban: ${error.message}\n`);
          process.exitCode = 2;
        }
      }),
    );
}

function formatSummary(summary: ImportSummary, database: string): string {
  const lines = [`provinces (2024): ${summary.provinces.join(',')}`];
  for (const phase of summary.phases) {
    const appended = Object.entries(phase.appended).map(([type, n]) => `${type} ${n}`).join(', ') || 'nothing';
    lines.push(`${phase.phase}: ${phase.commands} commands, appended ${appended}`);
  }
  lines.push(`took ${(summary.milliseconds / 1000).toFixed(1)} s on ${database}`);
  return `${lines.join('\n')}\n`;
}

function parseCodes(value: string): string[] {
  const codes = value.split(',').map((code) => code.trim()).filter((code) => code !== '');
  if (codes.length === 0 || codes.some((code) => !/^\d{2}$/.test(code))) throw new InvalidArgumentError('expected two-digit province codes, e.g. 10,06,40,83');
  return codes;
}

function parseUntil(value: string): 2024 | 2025 {
  if (value === '2024') return 2024;
  if (value === '2025') return 2025;
  throw new InvalidArgumentError('expected 2024 or 2025');
}

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('expected an integer from 1 to 64');
  return n;
}
