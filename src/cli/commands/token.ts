import type { Command } from 'commander';
import { z } from 'zod';
import { TokenSpec, TokenStore } from '../../auth/TokenStore.js';
import { withRuntime } from '../withRuntime.js';

interface CreateOptions {
  role: string;
  cadre?: string;
  unit?: string;
  agency?: string;
  province?: string;
  label?: string;
}

/** `diaban token create|revoke|list`. create prints the token alone on stdout, for scripts to capture. */
export function registerToken(program: Command): void {
  const token = program.command('token').description('create, revoke and list API bearer tokens');
  token
    .command('create')
    .description('create a token and print it (only once: the database keeps its hash)')
    .requiredOption('--role <role>', 'admin | organizer | cadre | unit-committee | agency | inspector | viewer')
    .option('--cadre <id>', 'the cadre a cadre token speaks for')
    .option('--unit <code>', 'the unit whose committee a unit-committee token speaks for')
    .option('--agency <id>', 'the agency an agency token speaks for')
    .option('--province <code>', 'the province an organizer (or inspector) acts within')
    .option('--label <text>', 'a note saying whose token it is')
    .action((options: CreateOptions) => {
      // Checked before opening the database, so a typo costs nothing and explains itself.
      const spec = TokenSpec.safeParse(specFrom(options));
      if (!spec.success) {
        process.stderr.write(`diaban: ${z.prettifyError(spec.error)}\n`);
        process.exitCode = 2;
        return;
      }
      return withRuntime(async (runtime) => {
        const created = await new TokenStore(runtime.database).create(spec.data);
        runtime.log.info({ id: created.id, role: options.role }, 'token created');
        process.stdout.write(`${created.token}\n`);
      });
    });
  token
    .command('revoke <id>')
    .description('revoke a token by its id (see token list)')
    .action((id: string) =>
      withRuntime(async (runtime) => {
        if (!(await new TokenStore(runtime.database).revoke(id))) {
          process.stderr.write(`diaban: no live token ${id}\n`);
          process.exitCode = 1;
          return;
        }
        runtime.log.info({ id }, 'token revoked');
      }),
    );
  token
    .command('list')
    .description('list tokens (id, role, scope, label, created, revoked); never the tokens themselves')
    .action(() =>
      withRuntime(async (runtime) => {
        for (const row of await new TokenStore(runtime.database).list()) {
          const scope = [row.cadreId, row.unitCode, row.agencyId, row.provinceCode].filter((v) => v !== null).join(',');
          const fields = [row.id, row.role, scope || '-', row.label ?? '-', row.createdAt.toISOString(), row.revokedAt?.toISOString() ?? 'live'];
          process.stdout.write(`${fields.join('\t')}\n`);
        }
      }),
    );
}

/** Commander's flags under the spec's names, still unvalidated. */
export function specFrom(options: CreateOptions): Record<string, string> {
  return {
    role: options.role,
    ...(options.cadre !== undefined ? { cadreId: options.cadre } : {}),
    ...(options.unit !== undefined ? { unitCode: options.unit } : {}),
    ...(options.agency !== undefined ? { agencyId: options.agency } : {}),
    ...(options.province !== undefined ? { provinceCode: options.province } : {}),
    ...(options.label !== undefined ? { label: options.label } : {}),
  };
}
