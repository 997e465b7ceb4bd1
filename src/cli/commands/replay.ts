import type { Command } from 'commander';
import { z } from 'zod';
import { replayedJson, replayStream, type ReplayBound } from '../../http/routes/audit/replay.js';
import { withRuntime } from '../withRuntime.js';

interface ReplayOptions {
  stream: string;
  at?: string;
  atPosition?: string;
}

const Options = z.object({
  stream: z.string().min(1),
  at: z.iso.datetime({ offset: true }).optional(),
  atPosition: z.string().regex(/^\d+$/, 'a decimal position').optional(),
}).strict().refine((o) => o.at === undefined || o.atPosition === undefined, { message: 'give --at or --at-position, not both' });

/**
 * `diaban replay --stream ID [--at TIME | --at-position N]`: a stream's state folded from the store
 * with the domain's evolve up to a recorded time or a position, printed as the JSON the audit route
 * answers (GET /v1/audit/entities/…), for auditors working offline from the server.
 */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('print a stream’s state replayed from the store up to a time or position (JSON)')
    .requiredOption('--stream <id>', 'the stream, e.g. cadre-<id>, unit-<code>, board-<code>, fieldwork-<cadreId>-<year>')
    .option('--at <time>', 'ISO timestamp with offset: the state as the ledger held it then')
    .option('--at-position <n>', 'the state after the events up to this global position')
    .action((raw: ReplayOptions) => {
      const parsed = Options.safeParse(raw);
      if (!parsed.success) {
        process.stderr.write(`diaban: ${z.prettifyError(parsed.error)}\n`);
        process.exitCode = 2;
        return;
      }
      const { stream, at, atPosition } = parsed.data;
      const bound: ReplayBound = { ...(at ? { at: new Date(at) } : {}), ...(atPosition ? { atPosition: BigInt(atPosition) } : {}) };
      return withRuntime(async (runtime) => {
        const replayed = await replayStream(runtime.store, stream, bound);
        if (replayed === null || (await runtime.store.streamVersion(stream)) === 0n) {
          process.stderr.write(`diaban: no stream ${stream}\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`${JSON.stringify(replayedJson(replayed), null, 2)}\n`);
      });
    });
}
