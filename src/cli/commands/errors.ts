import type { Command } from 'commander';
import '../../http/buildApp.js';
import { allErrorCodes } from '../../errors/registry.js';

/** The README's error table, from the one registry (every module that registers codes is loaded by the app). */
export function errorTable(): string {
  const rows = allErrorCodes().map(([code, info]) => `| \`${code}\` | ${info.status} | ${info.meaning.replaceAll('|', '\\|')} |`);
  return ['| code | status | meaning |', '|---|---|---|', ...rows].join('\n');
}

export function registerErrors(program: Command): void {
  program
    .command('errors')
    .description('print every error code with its HTTP status and meaning, as a Markdown table')
    .action(() => {
      process.stdout.write(`${errorTable()}\n`);
    });
}
