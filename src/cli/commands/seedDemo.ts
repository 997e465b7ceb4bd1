import { InvalidArgumentError, type Command } from 'commander';
import { formatDemoTokens } from '../../demo/demoTokens.js';
import { DemoDatabaseNotEmptyError, EARLIEST_TODAY } from '../../demo/seedDemo.js';
import { seedWithProgress } from '../../demo/seedWithProgress.js';
import { demoScales, type DemoScale } from '../../demo/scale.js';
import { isCalendarDate } from '#events/common.js';
import { withRuntime } from '../withRuntime.js';

interface SeedDemoFlags {
  seed: number;
  scale: DemoScale;
  today?: string;
}

/** `diaban seed-demo`: the demo history into an empty database, then one token per role. */
export function registerSeedDemo(program: Command): void {
  program
    .command('seed-demo')
    .description('record a demo history (real units of Lào Cai, Bắc Kạn, Nghệ An, Bến Tre and their 2025 partners) into an empty database, through the command handlers')
    .option('--seed <n>', 'the same seed records the same history', parseSeed, 1)
    .option('--scale <scale>', `${demoScales.join(' | ')}: a few communes per province (fast), every commune of those provinces, or every unit of the country`, parseScale, 'small')
    .option('--today <date>', 'the demo\'s today: the history runs up to it (default 2026-11-22)', parseDate)
    .action((flags: SeedDemoFlags) =>
      withRuntime(async (runtime) => {
        try {
          const { result, file, path } = await seedWithProgress(runtime, { seed: flags.seed, scale: flags.scale, ...(flags.today ? { today: flags.today } : {}) });
          const events = Object.values(result.events).reduce((a, b) => a + b, 0);
          process.stdout.write(`seeded ${events} events (seed ${result.seed}, scale ${result.scale}) in ${(result.milliseconds / 1000).toFixed(1)} s on ${runtime.database.kind}\n`);
          process.stdout.write(formatDemoTokens(file, path));
        } catch (error) {
          if (!(error instanceof DemoDatabaseNotEmptyError)) throw error;
          process.stderr.write(`diaban: ${error.message}\n`);
          process.exitCode = 2;
        }
      }),
    );
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new InvalidArgumentError('expected an integer from 0 to 4294967295');
  return n;
}

function parseScale(value: string): DemoScale {
  const scale = demoScales.find((candidate) => candidate === value);
  if (scale === undefined) throw new InvalidArgumentError(`expected ${demoScales.join(', ')}`);
  return scale;
}

function parseDate(value: string): string {
  if (!isCalendarDate(value) || value < EARLIEST_TODAY) throw new InvalidArgumentError(`expected a date YYYY-MM-DD from ${EARLIEST_TODAY}`);
  return value;
}
