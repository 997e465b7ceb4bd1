import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { verifyBundleCommand } from '#src/cli/commands/verifyBundle.js';
import type { InspectionFinding } from '#src/inspection/bulkInspection.js';
import { findingsTable } from '#src/inspection/findingsTable.js';
import { writeCsv } from '#src/exports/writeCsv.js';
import { writeXlsx } from '#src/exports/writeXlsx.js';
import ExcelJS from 'exceljs';
import { openTestApp } from '../helpers/testApp.js';
import { settle } from '../helpers/settle.js';
import { databaseKind } from '../helpers/testDatabase.js';
import { authenticityOf } from './inspect.js';
import { buildProvince } from './province.js';

/** Runs verify-bundle with its report captured (its "ok" lines must not reach TAP's stdout). */
function runVerifyBundle(file: string, vkey: string): { code: number; output: string } {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    return { code: verifyBundleCommand(file, { vkey }), output: lines.join('') };
  } finally {
    process.stdout.write = write;
  }
}

t.test(`bulk inspection and offline verification on ${databaseKind}`, async (t) => {
  const app = await openTestApp();
  t.teardown(app.close);
  const p = await buildProvince(app);
  const genuine = await p.visitAndReport('02641', 2, 2);
  await p.confirm(genuine.visitId);
  const late = await p.visitAndReport('02641', 30, 30);
  await p.confirm(late.visitId);
  const elsewhere = await p.visitAndReport('02644', 3, 3);
  const year = Number(p.daysAgo(2).slice(0, 4));
  // Inspection reads the store: every report filed above must be visible to readers first.
  await settle(app.store);

  t.test('GET /v1/inspections lists the questionable reports with reasons', async (t) => {
    const res = await app.app.inject({ method: 'GET', url: `/v1/inspections?province=10&cadre=${p.cadreId}`, headers: { authorization: `Bearer ${p.inspector.token}` } });
    t.equal(res.statusCode, 200);
    const { findings } = res.json<{ findings: InspectionFinding[] }>();
    t.same(findings.map((f) => f.reportId).sort(), [late.reportId, elsewhere.reportId].sort());
    const lateFinding = findings.find((f) => f.reportId === late.reportId);
    t.same(lateFinding?.reasons.map((r) => r.code), ['PLAUSIBLE_ON_TIME']);
    const forbidden = await app.app.inject({ method: 'GET', url: '/v1/inspections?province=01', headers: { authorization: `Bearer ${p.inspector.token}` } });
    t.equal(forbidden.statusCode, 403, 'an inspector bound to province 10 asks about 10 only');
    const cadre = await app.app.inject({ method: 'GET', url: '/v1/inspections', headers: { authorization: `Bearer ${p.cadre.token}` } });
    t.equal(cadre.statusCode, 403);
    const otherYear = await app.app.inject({ method: 'GET', url: `/v1/inspections?year=${year - 5}`, headers: { authorization: `Bearer ${p.admin.token}` } });
    t.same(otherYear.json<{ count: number }>().count, 0);
    // CSV: a BOM so Excel reads UTF-8, a header, one row per report, Vietnamese intact.
    const csv = writeCsv(findingsTable(findings)).toString('utf8');
    t.ok(csv.startsWith('\uFEFFMã báo cáo,Mã chuyến đi,Mã cán bộ,Đơn vị'));
    t.equal(csv.split('\r\n').filter((line) => /^[0-9a-f]{8}-/.test(line)).length, 2);
    t.match(csv, /19-QĐ\/TU/);
    // XLSX: the same rows, Vietnamese headers, dates as dd/mm/yyyy.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeXlsx(findingsTable(findings))) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Kiểm tra báo cáo')!;
    t.equal(sheet.rowCount, findings.length + 1);
    t.match(String(sheet.getRow(2).getCell(5).value), /^\d{2}\/\d{2}\/\d{4}$/);
  });

  t.test('diaban verify-bundle: 0 for a server bundle, 1 for a flipped byte or a late report', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'diaban-inspect-'));
    const bundleOf = async (reportId: string) => (await authenticityOf(app, p.inspector, 'reports', reportId)).body.bundle;
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(await bundleOf(genuine.reportId)));
    const ok = runVerifyBundle(good, app.ledger.key.vkey);
    t.equal(ok.code, 0, ok.output);
    t.match(ok.output, /FACT\s+PLAUSIBLE_ON_TIME: recorded on/);
    const flipped = join(dir, 'flipped.json');
    const text = JSON.stringify(await bundleOf(genuine.reportId));
    const i = text.indexOf('"leafBytes":"') + 20;
    writeFileSync(flipped, text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1));
    t.equal(runVerifyBundle(flipped, app.ledger.key.vkey).code, 1);
    const lateFile = join(dir, 'late.json');
    writeFileSync(lateFile, JSON.stringify(await bundleOf(late.reportId)));
    const lateRun = runVerifyBundle(lateFile, app.ledger.key.vkey);
    t.equal(lateRun.code, 1);
    t.match(lateRun.output, /FAIL FACT\s+PLAUSIBLE_ON_TIME: recorded on .* after the deadline/);
  });

  t.test('checkpoints the inspector holds: sizes (GET) and notes (POST)', async (t) => {
    const first = await app.ledger.reader.latestCheckpoint();
    t.ok(first);
    const url = `/v1/reports/${genuine.reportId}/authenticity`;
    const auth = { authorization: `Bearer ${p.inspector.token}` };
    const bySize = await app.app.inject({ method: 'GET', url: `${url}?knownCheckpoints=${first?.treeSize}`, headers: auth });
    t.match(bySize.json<{ checks: Array<{ code: string; detail: string }> }>().checks.find((c) => c.code === 'INTEGRITY_CONSISTENT')?.detail, /1 held by the inspector/);
    const unknown = await app.app.inject({ method: 'GET', url: `${url}?knownCheckpoints=999999`, headers: auth });
    t.same([unknown.statusCode, unknown.json<{ code: string }>().code], [404, 'INSPECTION_CHECKPOINT_UNKNOWN']);
    const byNote = await app.app.inject({ method: 'POST', url, headers: auth, payload: { knownCheckpoints: [first?.note] } });
    t.equal(byNote.json<{ verdict: string }>().verdict, 'authentic');
    const forged = await app.app.inject({ method: 'POST', url, headers: auth, payload: { knownCheckpoints: ['not a checkpoint\n'] } });
    t.equal(forged.json<{ verdict: string }>().verdict, 'tampered', 'a held checkpoint the log cannot match fails integrity');
  });
});
