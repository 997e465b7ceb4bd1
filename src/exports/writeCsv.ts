import { cellText, type ExportTable } from './ExportTable.js';

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark: without it Excel opens the file as the local code
 * page and Vietnamese diacritics come out garbled. CRLF line ends, every field quoted when needed.
 */
export function writeCsv(table: ExportTable): Buffer {
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  // A text cell starting like a formula would be evaluated by a spreadsheet (CSV injection, OWASP):
  // a leading apostrophe keeps it text. Numbers and dates never start that way.
  const defuse = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  const lines = [
    table.columns.map((c) => quote(c.header)).join(','),
    ...table.rows.map((row) =>
      table.columns.map((c) => quote(c.type === 'number' ? cellText(c, row[c.key]) : defuse(cellText(c, row[c.key])))).join(','),
    ),
  ];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}
