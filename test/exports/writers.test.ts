import ExcelJS from 'exceljs';
import t from 'tap';
import type { ExportTable } from '../../src/exports/ExportTable.js';
import { writeCsv } from '../../src/exports/writeCsv.js';
import { writeXlsx } from '../../src/exports/writeXlsx.js';

const table: ExportTable = {
  name: 'Đi cơ sở',
  columns: [
    { key: 'name', header: 'Họ và tên' },
    { key: 'unit', header: 'Địa bàn theo dõi' },
    { key: 'days', header: 'Số ngày đi cơ sở', type: 'number' },
    { key: 'since', header: 'Từ ngày', type: 'date' },
  ],
  rows: [
    { name: 'Nguyễn Thị Hương', unit: 'Xã Bát Xát, "Lào Cai"', days: 37, since: '2025-07-01' },
    { name: 'Đặng Văn Đức', unit: '=cmd', days: 4, since: null },
  ],
};

t.test('CSV: BOM, Vietnamese headers, quoting, dd/mm/yyyy, no formula injection', async (t) => {
  const csv = writeCsv(table);
  t.same([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = csv.subarray(3).toString('utf8');
  t.equal(text, [
    'Họ và tên,Địa bàn theo dõi,Số ngày đi cơ sở,Từ ngày',
    'Nguyễn Thị Hương,"Xã Bát Xát, ""Lào Cai""",37,01/07/2025',
    "Đặng Văn Đức,'=cmd,4,",
    '',
  ].join('\r\n'));
});

t.test('XLSX parses back with the same headers, numbers and dates', async (t) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writeXlsx(table)) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Đi cơ sở')!;
  t.same(sheet.getRow(1).values, [undefined, 'Họ và tên', 'Địa bàn theo dõi', 'Số ngày đi cơ sở', 'Từ ngày']);
  t.same(sheet.getRow(2).values, [undefined, 'Nguyễn Thị Hương', 'Xã Bát Xát, "Lào Cai"', 37, '01/07/2025']);
  t.equal(sheet.rowCount, 3);
});
