import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DomainError } from '../../domain/errors.js';
import { inspectionDeps } from '../../inspection/inspectionDeps.js';
import { authenticity } from '../../inspection/authenticity.js';
import { inspectReports, type InspectionScope } from '../../inspection/bulkInspection.js';
import { findingsTable } from '../../inspection/findingsTable.js';
import { writeCsv } from '../../exports/writeCsv.js';
import { writeXlsx } from '../../exports/writeXlsx.js';
import { withRuntime } from '../withRuntime.js';

interface BulkOptions {
  province?: string;
  year?: string;
  unit?: string;
  cadre?: string;
  out: string;
}

/**
 * `diaban inspect report ID --out FILE`: the report's proof bundle (verdict and checks on stderr).
 * `diaban inspect --province P --year Y --out report.csv`: every questionable or tampered report
 * in scope as CSV (UTF-8 with BOM, for Excel) or XLSX (by the file's extension), through src/exports.
 */
export function registerInspect(program: Command): void {
  const inspect = program
    .command('inspect')
    .description('inspect reports: one report\'s proof bundle, or every questionable report in scope as CSV')
    .option('--province <code>', 'province code (2 digits)')
    .option('--year <year>', 'year the visits started')
    .option('--unit <code>', 'a unit: visits to it or beneath it')
    .option('--cadre <id>', 'one cadre')
    .option('--out <file>', 'the file to write: the CSV, or with `report ID` the bundle')
    .action((options: BulkOptions) => bulk(options));
  inspect
    .command('report <id>')
    .description('write the proof bundle of one report (verify it offline with diaban verify-bundle)')
    // `--out` is the parent's option (commander parses it after the subcommand too).
    .action((id: string) => {
      const out = inspect.opts<BulkOptions>().out;
      if (out === undefined) return fail('--out <file> is required');
      return withRuntime(async (runtime) => {
        const answer = await authenticity(inspectionDeps(runtime), { reportId: id }).catch((error: unknown) => {
          // An unknown report is the user's mistake, not a crash: say so and exit 1.
          if (error instanceof DomainError) return fail(`${error.code}: ${error.message}`, 1);
          throw error;
        });
        if (answer === undefined) return;
        writeFileSync(out, `${JSON.stringify(answer.bundle, null, 2)}\n`);
        for (const c of answer.checks) process.stderr.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.code.padEnd(28)} ${c.detail}\n`);
        process.stderr.write(`verdict: ${answer.verdict}\n`);
      });
    });
}

function bulk(options: BulkOptions): Promise<void> | void {
  if (options.out === undefined) return fail('--out <file> is required');
  if (options.year !== undefined && !/^\d{4}$/.test(options.year)) return fail('--year is a 4-digit year');
  const scope: InspectionScope = {
    ...(options.province !== undefined ? { province: options.province } : {}),
    ...(options.year !== undefined ? { year: Number(options.year) } : {}),
    ...(options.unit !== undefined ? { unit: options.unit } : {}),
    ...(options.cadre !== undefined ? { cadre: options.cadre } : {}),
  };
  return withRuntime(async (runtime) => {
    const findings = await inspectReports(inspectionDeps(runtime), scope);
    const table = findingsTable(findings);
    writeFileSync(options.out, /\.xlsx$/i.test(options.out) ? await writeXlsx(table) : writeCsv(table));
    process.stderr.write(`${findings.length} questionable or tampered reports written to ${options.out}\n`);
  });
}

function fail(message: string, exitCode = 2): undefined {
  process.stderr.write(`diaban: ${message}\n`);
  process.exitCode = exitCode;
  return undefined;
}
