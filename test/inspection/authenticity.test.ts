import { randomUUID } from 'node:crypto';
import t from 'tap';
import { verifyBundle } from '#src/ledger/bundle/verifyBundle.js';
import { inspectionFactCheckers } from '#src/inspection/bundle/checkInspectionFact.js';
import { openTestApp } from '../helpers/testApp.js';
import { databaseKind } from '../helpers/testDatabase.js';
import { authenticityOf, detailOf, failedCodes, tamper } from './inspect.js';
import { buildProvince } from './province.js';

t.test(`inspection scenarios on ${databaseKind}`, async (t) => {
  const app = await openTestApp();
  t.teardown(app.close);
  const p = await buildProvince(app);
  const vkey = app.ledger.key.vkey;

  t.test('a genuine, confirmed report is authentic and its bundle verifies offline', async (t) => {
    const { visitId, reportId } = await p.visitAndReport('02641', 5, 4);
    await p.confirm(visitId);
    const { status, body } = await authenticityOf(app, p.inspector, 'reports', reportId);
    t.equal(status, 200);
    t.same(failedCodes(body), []);
    t.equal(body.verdict, 'authentic');
    t.same(body.checks.map((c) => c.code), [
      'INTEGRITY_LEAF_MATCHES', 'INTEGRITY_INCLUDED', 'INTEGRITY_CHAIN', 'INTEGRITY_CONSISTENT',
      'PROVENANCE_CADRE_TOKEN', 'PROVENANCE_COMMITTEE_TOKEN', 'PROVENANCE_SIGNATURE',
      'PLAUSIBLE_NOT_CANCELLED', 'PLAUSIBLE_ASSIGNED', 'PLAUSIBLE_AFTER_VISIT', 'PLAUSIBLE_ON_TIME',
      'PLAUSIBLE_NO_OVERLAP', 'PLAUSIBLE_CONFIRMED', 'PLAUSIBLE_AMENDMENTS', 'PLAUSIBLE_ACTIVITIES_INSIDE',
    ]);
    t.match(detailOf(body, 'PLAUSIBLE_CONFIRMED'), /confirmed by the committee of unit 02641/);
    // 1. The bundle route gives the same bundle format; 2. it verifies with the trusted vkey alone.
    const res = await app.app.inject({ method: 'GET', url: `/v1/reports/${reportId}/bundle`, headers: { authorization: `Bearer ${p.inspector.token}` } });
    t.equal(res.statusCode, 200);
    const bundle = res.json<{ leaves: Array<{ leafBytes: string }>; facts: Array<{ code: string }> }>();
    t.equal(bundle.facts.length, 8, 'one fact per plausibility rule');
    const verdict = verifyBundle(bundle, { vkey }, inspectionFactCheckers);
    t.ok(verdict.ok, verdict.checks.filter((c) => !c.ok).map((c) => c.detail).join('; '));
    t.ok(verdict.checks.some((c) => c.code === 'FACT' && /PLAUSIBLE_ASSIGNED/.test(c.detail)));
    // 3. One flipped byte in one leaf fails the bundle.
    const copy = structuredClone(bundle);
    const leaf = copy.leaves[0]!;
    const bytes = Buffer.from(leaf.leafBytes, 'base64');
    const at = bytes.indexOf(0x3a) + 2; // a byte of the first value after a colon
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    leaf.leafBytes = bytes.toString('base64');
    t.notOk(verifyBundle(copy, { vkey }, inspectionFactCheckers).ok);
    // 4. A fact whose claim the cited leaves do not back fails too.
    const forged = structuredClone(bundle);
    const onTime = forged.facts.find((f) => f.code === 'PLAUSIBLE_ON_TIME');
    if (onTime) Object.assign(onTime, { detail: 'recorded whenever' });
    t.notOk(verifyBundle(forged, { vkey }, inspectionFactCheckers).ok);
  });

  t.test('only inspectors and admins ask; a visit answers too', async (t) => {
    const { visitId, reportId } = await p.visitAndReport('02641', 7, 7);
    t.equal((await authenticityOf(app, p.cadre, 'reports', reportId)).status, 403);
    t.equal((await authenticityOf(app, p.committee, 'reports', reportId)).status, 403);
    t.equal((await authenticityOf(app, p.admin, 'reports', reportId)).status, 200);
    const elsewhere = await p.acting('inspector', { provinceCode: '01' });
    t.equal((await authenticityOf(app, elsewhere, 'reports', reportId)).status, 403, 'an inspector of another province');
    const visit = await authenticityOf(app, p.inspector, 'visits', visitId);
    t.equal(visit.body.reportId, reportId);
    t.same(failedCodes(visit.body), ['PLAUSIBLE_CONFIRMED'], 'not confirmed yet: questionable');
    t.equal((await authenticityOf(app, p.inspector, 'reports', randomUUID())).status, 404);
  });

  t.test('a visit to a commune the cadre did not follow that day', async (t) => {
    const { reportId } = await p.visitAndReport('02644', 8, 8);
    const { body } = await authenticityOf(app, p.inspector, 'reports', reportId);
    t.equal(body.verdict, 'questionable');
    t.ok(failedCodes(body).includes('PLAUSIBLE_ASSIGNED'));
    t.match(detailOf(body, 'PLAUSIBLE_ASSIGNED'), new RegExp(`not assigned to unit 02644 on ${p.daysAgo(8)}`));
  });

  t.test('a report filed after the deadline', async (t) => {
    const { visitId, reportId } = await p.visitAndReport('02641', 41, 40);
    await p.confirm(visitId);
    const { body } = await authenticityOf(app, p.inspector, 'reports', reportId);
    t.same(failedCodes(body), ['PLAUSIBLE_ON_TIME']);
    t.match(detailOf(body, 'PLAUSIBLE_ON_TIME'), /after the deadline of 10 days \(due .*19-QĐ\/TU\)/);
    // The bundle still verifies cryptographically, and the verifier agrees the report was late.
    const bundle = (await authenticityOf(app, p.inspector, 'reports', reportId)).body.bundle;
    const verdict = verifyBundle(bundle, { vkey }, inspectionFactCheckers);
    t.same(verdict.checks.filter((c) => !c.ok).map((c) => c.detail.split(':')[0]), ['PLAUSIBLE_ON_TIME']);
  });

  t.test('transcribed history: judged by the filing date its source gives, never called authentic', async (t) => {
    // A visit 60 days ago whose report the paper ledger dates 55 days ago, both entered only now.
    const onTime = await p.transcribedVisitAndReport('02641', 61, 60, 55);
    await p.confirm(onTime.visitId);
    const { body } = await authenticityOf(app, p.inspector, 'reports', onTime.reportId);
    t.same(failedCodes(body), [], 'nothing fails: recorded now is not read as filed late');
    t.equal(body.verdict, 'transcribed', 'but the ledger cannot attest the filing date: not "authentic"');
    const check = body.checks.find((c) => c.code === 'PLAUSIBLE_ON_TIME');
    t.equal(check?.unattested, true);
    t.match(check?.detail, new RegExp(`transcribed from "Sổ theo dõi đi cơ sở năm 2024 \\(bản giấy\\)", which dates its filing ${p.daysAgo(55)}, within 10 days .*cannot attest`));
    t.equal(body.checks.find((c) => c.code === 'PLAUSIBLE_AFTER_VISIT')?.unattested, true);
    t.notOk(body.checks.find((c) => c.code === 'PLAUSIBLE_ASSIGNED')?.unattested, 'the rest is judged as for any report');
    // Offline, the verifier reruns the rule over the leaves and agrees, unattested included.
    const bundle = structuredClone(body.bundle) as { facts: Array<{ code: string; unattested?: true }> };
    const verdict = verifyBundle(bundle, { vkey }, inspectionFactCheckers);
    t.ok(verdict.ok, verdict.checks.filter((c) => !c.ok).map((c) => c.detail).join('; '));
    const fact = bundle.facts.find((f) => f.code === 'PLAUSIBLE_ON_TIME');
    t.equal(fact?.unattested, true);
    if (fact) delete fact.unattested;
    t.notOk(verifyBundle(bundle, { vkey }, inspectionFactCheckers).ok, 'a bundle hiding the transcription fails');

    // The same kind of record whose source dates the report 20 days after the trip: late by its own claim.
    const late = await p.transcribedVisitAndReport('02641', 91, 90, 70);
    await p.confirm(late.visitId);
    const lateBody = (await authenticityOf(app, p.inspector, 'reports', late.reportId)).body;
    t.equal(lateBody.verdict, 'questionable');
    t.same(failedCodes(lateBody), ['PLAUSIBLE_ON_TIME']);
    t.match(detailOf(lateBody, 'PLAUSIBLE_ON_TIME'), new RegExp(`dates its filing ${p.daysAgo(70)}, after the deadline of 10 days`));
  });

  t.test('no HTTP route accepts transcribedFrom: a user records what happens now', async (t) => {
    const { visitId } = await p.visitAndReport('02641', 12, 12);
    const res = await app.app.inject({
      method: 'POST', url: '/v1/reports', headers: { authorization: `Bearer ${p.cadre.token}` },
      payload: { visitId, summary: 'x', findings: [], recommendations: [], transcribedFrom: 'sổ giấy' },
    });
    t.equal(res.statusCode, 400, res.body);
    t.match(res.body, /transcribedFrom/, 'the answer names the field');
  });

  t.test('a visit overlapping another visit (logged past the domain, as a New Year race could)', async (t) => {
    const { visitId, reportId } = await p.visitAndReport('02641', 9, 9);
    await p.confirm(visitId);
    // The domain refuses overlaps in a cadre's own year and the years around it; two LogVisit
    // commands racing in two year streams both pass. The racing one lands in next year's stream.
    const start = p.daysAgo(9);
    const next = `fieldwork-${p.cadreId}-${Number(start.slice(0, 4)) + 1}`;
    await p.appendRaw(next, { type: 'VisitLogged', data: {
      visitId: randomUUID(), cadreId: p.cadreId, unitCode: '02644', startDate: start, endDate: start, purposes: ['Dự họp chi bộ'], activities: [{ kind: 'party-cell-meeting', date: start }],
    } });
    const { body } = await authenticityOf(app, p.inspector, 'reports', reportId);
    t.same(failedCodes(body), ['PLAUSIBLE_NO_OVERLAP']);
    t.match(detailOf(body, 'PLAUSIBLE_NO_OVERLAP'), /overlaps visit .* to unit 02644/);
    t.ok(verifyBundle(body.bundle, { vkey }, inspectionFactCheckers).checks.some((c) => !c.ok && /PLAUSIBLE_NO_OVERLAP/.test(c.detail)));
  });

  t.test('a report amended twice lists both amendments and stays authentic', async (t) => {
    const { visitId, reportId } = await p.visitAndReport('02641', 3, 3);
    await p.confirm(visitId);
    await p.amend(reportId, 'Bổ sung số liệu', 'Bản sửa 1');
    await p.amend(reportId, 'Sửa lỗi chính tả', 'Bản sửa 2');
    const { body } = await authenticityOf(app, p.inspector, 'reports', reportId);
    t.equal(body.verdict, 'authentic');
    t.match(detailOf(body, 'PLAUSIBLE_AMENDMENTS'), /amended 2 times: 1\) .*Bổ sung số liệu; 2\) .*Sửa lỗi chính tả/);
  });

  t.test('a visit disputed by the commune', async (t) => {
    const { visitId, reportId } = await p.visitAndReport('02641', 2, 2);
    await p.dispute(visitId, 'Không có buổi làm việc nào');
    const { body } = await authenticityOf(app, p.inspector, 'reports', reportId);
    t.same(failedCodes(body), ['PLAUSIBLE_CONFIRMED']);
    t.match(detailOf(body, 'PLAUSIBLE_CONFIRMED'), /disputed by the committee of unit 02641 .*Không có buổi làm việc nào/);
  });

  t.test('tampered: stored report data changed afterwards, bypassing the triggers', async (t) => {
    const { visitId, reportId } = await p.visitAndReport('02641', 1, 1, 'Báo cáo gốc');
    await p.confirm(visitId);
    t.equal((await authenticityOf(app, p.inspector, 'reports', reportId)).body.verdict, 'authentic', 'sealed and checkpointed first');
    await tamper(app.database, `UPDATE events SET data = replace(data, 'Báo cáo gốc', 'Báo cáo khác') WHERE type = 'ReportFiled' AND data LIKE '%${reportId}%'`);
    const { body } = await authenticityOf(app, p.inspector, 'reports', reportId);
    t.equal(body.verdict, 'tampered');
    t.same(failedCodes(body), ['INTEGRITY_LEAF_MATCHES']);
    t.match(detailOf(body, 'INTEGRITY_LEAF_MATCHES'), /ReportFiled\): the stored event no longer gives its sealed leaf/);
  });
});
