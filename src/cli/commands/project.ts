import type { Command } from 'commander';
import type { ProjectionRunner } from '../../projections/ProjectionRunner.js';
import { withRuntime } from '../withRuntime.js';

/**
 * Runs the projections on their own (a server may run them too: the runner's advisory locks make
 * two runners take turns, never double-apply). `once`: catch up to the head and return; otherwise
 * follow the store live until `stopped` resolves.
 */
export async function runProjections(runner: ProjectionRunner, options: { once: boolean; stopped: Promise<void> }): Promise<void> {
  if (options.once) {
    await runner.catchUp();
    return;
  }
  await runner.start();
  try {
    await options.stopped;
  } finally {
    await runner.stop();
  }
}

export function registerProject(program: Command): void {
  program
    .command('project')
    .description('keep the read models up to date without serving HTTP (until SIGINT/SIGTERM)')
    .option('--once', 'catch up to the head, then exit')
    .action((options: { once?: boolean }) =>
      withRuntime(async (runtime) => {
        const once = options.once === true;
        await runProjections(runtime.projections, { once, stopped: once ? Promise.resolve() : signalled() });
        const { builds } = await runtime.projections.status();
        runtime.log.info({ positions: Object.fromEntries(builds.map((b) => [b.name, b.position.toString()])) }, 'projections stopped');
      }),
    );
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
