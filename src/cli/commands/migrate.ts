import type { Command } from 'commander';
import { withRuntime } from '../withRuntime.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('create or upgrade the database schema, then exit (serve does this too)')
    .action(() =>
      withRuntime(async (runtime) => {
        runtime.log.info({ database: runtime.database.kind, schema: runtime.database.schema }, 'database is migrated');
      }),
    );
}
