import ExcelJS from 'exceljs';
import { cellText, type ExportTable } from './ExportTable.js';

/** An XLSX workbook with one sheet: bold frozen header row, numbers as numbers, dates as dd/mm/yyyy text. */
export async function writeXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'diaban';
  const sheet = workbook.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(Object.fromEntries(table.columns.map((c) => {
      const value = row[c.key];
      return [c.key, c.type === 'number' && value !== null && value !== undefined && value !== '' ? Number(value) : cellText(c, value)];
    })));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
