import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { TokenStore } from '../../auth/TokenStore.js';
import { buildExport, exportDefinitions, type ExportName } from '../../exports/definitions.js';
import { writeCsv } from '../../exports/writeCsv.js';
import { writeXlsx } from '../../exports/writeXlsx.js';
import { appOf } from '../../server.js';
import { withRuntime } from '../withRuntime.js';

/**
 * `diaban export <what>`: the same files as the dashboard's download buttons. The command reads the
 * API in-process under a one-off admin token that it revokes at once (so the export is recorded in
 * api_tokens like any other access), after bringing the read models up to the head.
 */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description(`write ${Object.keys(exportDefinitions).join(', ')} as CSV or XLSX (Vietnamese headers, dd/mm/yyyy dates)`)
    .argument('<what>', Object.keys(exportDefinitions).join(' | '))
    .option('--province <code>', 'province code, e.g. 10')
    .option('--year <year>', 'year (attendance, reports, inspections)')
    .option('--at <date>', 'as-of date YYYY-MM-DD (coverage)')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--out <file>', 'file to write (default: stdout)')
    .action((what: string, options: { province?: string; year?: string; at?: string; format: string; out?: string }) =>
      withRuntime(async (runtime) => {
        if (!(what in exportDefinitions)) throw new Error(`nothing to export named ${what}; choose ${Object.keys(exportDefinitions).join(', ')}`);
        if (options.format !== 'csv' && options.format !== 'xlsx') throw new Error('--format is csv or xlsx');
        await runtime.projections.catchUp();
        const tokens = new TokenStore(runtime.database);
        const { id, token } = await tokens.create({ role: 'admin', label: `diaban export ${what}` });
        const app = await appOf(runtime);
        try {
          const get = async (url: string) => {
            const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
            if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
            return res.json() as unknown;
          };
          const table = await buildExport(what as ExportName, get, {
            ...(options.province ? { province: options.province } : {}),
            ...(options.year ? { year: Number(options.year) } : {}),
            ...(options.at ? { at: options.at } : {}),
          });
          const file = options.format === 'csv' ? writeCsv(table) : await writeXlsx(table);
          if (options.out) writeFileSync(options.out, file);
          else process.stdout.write(file);
          runtime.log.info({ what, rows: table.rows.length, out: options.out ?? 'stdout' }, 'export written');
        } finally {
          await app.close();
          await tokens.revoke(id);
        }
      }),
    );
}
