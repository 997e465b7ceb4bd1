/** A column of an export: its key in the rows, its Vietnamese header, and how to write its cells. */
export interface ExportColumn {
  key: string;
  header: string;
  type?: 'text' | 'number' | 'date';
}

/** What every export is: a sheet name, columns and rows, written as CSV or XLSX alike. */
export interface ExportTable {
  name: string;
  columns: readonly ExportColumn[];
  rows: readonly Record<string, unknown>[];
}

/** `YYYY-MM-DD…` → `dd/mm/yyyy`, the way Vietnamese documents write dates. */
export function vietnameseDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const iso = value instanceof Date ? value.toISOString() : String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function cellText(column: ExportColumn, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (column.type === 'date') return vietnameseDate(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
