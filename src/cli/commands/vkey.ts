import type { Command } from 'commander';
import { withRuntime } from '../withRuntime.js';

/** `diaban vkey`: the log's verifier key, for auditors and witnesses to pin (README "Ledger"). */
export function registerVkey(program: Command): void {
  program
    .command('vkey')
    .description('print the log verifier key (name+keyid+base64)')
    .action(() =>
      withRuntime(async ({ ledger }) => {
        process.stdout.write(`${ledger.key.vkey}\n`);
      }),
    );
}
