/** What a suite hands back to the dispatcher: tables for people, figures and ratios for machines. */

export interface Figure {
  value: number;
  unit: string;
}

/** A ratio ours ÷ theirs, with the target the issue sets for it. */
export interface Ratio {
  value: number;
  target: number;
}

export interface Table {
  title: string;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
  /** Lines printed under the table (notes, explanations). */
  notes?: readonly string[];
}

export interface SuiteReport {
  suite: string;
  figures: Record<string, Figure>;
  ratios: Record<string, Ratio>;
  tables: Table[];
  /** Facts about the databases the suite ran on, for the machine line (e.g. "PostgreSQL 15.2"). */
  databases: string[];
}

/** The one JSON document `--json` prints: `{ suite, figures: { name: { value, unit } }, ratios: { name: n } }`. */
export function toJson(report: SuiteReport): string {
  const ratios = Object.fromEntries(Object.entries(report.ratios).map(([name, r]) => [name, round(r.value, 3)]));
  const figures = Object.fromEntries(
    Object.entries(report.figures).map(([name, f]) => [name, { value: round(f.value, 1), unit: f.unit }]),
  );
  return JSON.stringify({ suite: report.suite, figures, ratios }, null, 2);
}

/** The ratio table every suite with targets prints: value, target, met or missed. */
export function ratioTable(ratios: Record<string, Ratio>, notes?: readonly string[]): Table {
  return {
    title: 'Ratios (ours ÷ theirs)',
    columns: ['ratio', 'value', 'target', 'result'],
    rows: Object.entries(ratios).map(([name, r]) => [
      name,
      r.value.toFixed(2),
      `≥ ${r.target}`,
      r.value >= r.target ? 'met' : 'MISSED',
    ]),
    ...(notes ? { notes } : {}),
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
