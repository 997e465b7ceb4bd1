import type { Table } from './report.js';

/**
 * A table as GitHub markdown with padded columns: readable in a terminal and rendered in
 * BENCHMARKS.md. Columns whose cells all look numeric are right-aligned.
 */
export function formatTable(table: Table): string {
  const cells = [table.columns, ...table.rows];
  const widths = table.columns.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const numeric = table.columns.map((_, c) => table.rows.length > 0 && table.rows.every((r) => /^[≥\d.,\s-]+$/.test(r[c] ?? '')));
  const line = (row: readonly string[]) =>
    `| ${widths.map((w, c) => (numeric[c] ? (row[c] ?? '').padStart(w) : (row[c] ?? '').padEnd(w))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (numeric[c] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  const lines = [`### ${table.title}`, '', line(table.columns), rule, ...table.rows.map(line)];
  if (table.notes?.length) lines.push('', ...table.notes);
  return lines.join('\n');
}

/** Thousands separators, no decimals: 12345.6 → "12,346". */
export function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
