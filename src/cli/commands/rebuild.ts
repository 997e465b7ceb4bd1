import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { allProjections } from '#projections/index.js';
import type { ProjectionRunner } from '../../projections/ProjectionRunner.js';
import { withRuntime } from '../withRuntime.js';

/** Progress in thousandths: positions are bigint, and a bar only needs a ratio. */
const SCALE = 1000;

function permille(position: bigint, head: bigint): number {
  return head <= 0n ? SCALE : Number((position * BigInt(SCALE)) / head);
}

/**
 * Rebuilds the named projections (every one when `names` is empty) blue/green: each into a new
 * generation beside the active one, which keeps answering queries until the switch. They share one
 * pass over the log (ProjectionRunner.rebuildMany), shown as one bar.
 */
export async function rebuildProjections(
  runner: ProjectionRunner,
  names: readonly string[],
  options: { stream?: NodeJS.WritableStream } = {},
): Promise<string[]> {
  const known = allProjections.map((p) => p.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new UnknownProjectionError(unknown, known);
  const chosen = names.length > 0 ? [...names] : known;
  // One bar for all of them: they are rebuilt together, in one pass over the log.
  const bar = new cliProgress.SingleBar(
    { format: `${chosen.join(', ').slice(0, 60).padEnd(24)} [{bar}] {percentage}% | {position}/{head}`, stream: options.stream ?? process.stderr, noTTYOutput: true, notTTYSchedule: 1000 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(SCALE, 0, { position: '0', head: '?' });
  await runner.rebuildMany(chosen, (position, head) =>
    bar.update(Math.min(SCALE, permille(position, head)), { position: position.toString(), head: head.toString() }),
  );
  // An empty log reports no page at all; end on the head either way.
  const { head } = await runner.status();
  bar.update(SCALE, { position: head.toString(), head: head.toString() });
  bar.stop();
  return chosen;
}

export class UnknownProjectionError extends Error {
  constructor(unknown: readonly string[], known: readonly string[]) {
    super(`no projection named ${unknown.join(', ')} (known: ${known.join(', ')})`);
    this.name = 'UnknownProjectionError';
  }
}

export function registerRebuild(program: Command): void {
  program
    .command('rebuild')
    .description('rebuild read models from the first event, beside the live ones, then switch (all when no name)')
    .argument('[names...]', 'projection names (GET /v1/projections lists them)')
    .action((names: string[]) =>
      withRuntime(async (runtime) => {
        try {
          const done = await rebuildProjections(runtime.projections, names);
          runtime.log.info({ projections: done }, 'rebuilt');
        } catch (err) {
          if (!(err instanceof UnknownProjectionError)) throw err;
          process.stderr.write(`diaban: ${err.message}\n`);
          process.exitCode = 2;
        }
      }),
    );
}
