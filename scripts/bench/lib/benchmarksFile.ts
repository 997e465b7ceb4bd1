import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import type { Table } from './report.js';
import { formatTable } from './table.js';

const INTRO = `# Benchmarks

Figures appended by \`npm run bench -- <suite>\` (newest last), one section per run with the exact
command, the date and the machine. Each suite prints the same tables; \`--json\` prints them as one
JSON document instead. Ratios are ours ÷ theirs, measured side by side in one run on one database.

The development machines are small shared VMs (2 cores) where other engineers' tests and type-checks
run at the same time, so absolute figures move by ±30 % between runs; the compared workloads run in
interleaved rounds so that the ratios suffer less from that noise than the absolute figures.
`;

export interface RunRecord {
  suite: string;
  command: string;
  date: Date;
  machine: string;
  tables: readonly Table[];
}

/** Appends one run to BENCHMARKS.md, creating the file with its introduction first. */
export function appendRun(path: string, run: RunRecord): void {
  if (!existsSync(path)) writeFileSync(path, INTRO);
  const section = [
    '',
    `## ${run.suite} — ${run.date.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    '',
    `- Command: \`${run.command}\``,
    `- Machine: ${run.machine}`,
    '',
    run.tables.map(formatTable).join('\n\n'),
    '',
  ].join('\n');
  appendFileSync(path, section);
}
