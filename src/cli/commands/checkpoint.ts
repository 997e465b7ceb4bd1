import type { Command } from 'commander';
import { withRuntime } from '../withRuntime.js';

/** `diaban checkpoint`: seal what committed, sign a checkpoint now, print the note (with cosignatures). */
export function registerCheckpoint(program: Command): void {
  program
    .command('checkpoint')
    .description('seal pending events, sign a checkpoint now and print its signed note')
    .action(() =>
      withRuntime(async ({ ledger }) => {
        await ledger.sealer.sealPending();
        const signed = await ledger.sealer.checkpoint();
        process.stdout.write((await ledger.reader.checkpointAt(signed.treeSize))?.note ?? signed.note);
      }),
    );
}
