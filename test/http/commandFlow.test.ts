import t from 'tap';
import { created, openKit } from './commandKit.js';
import { assignmentBody, policyBody, seedWorld } from './world.js';

/**
 * Every command route once, in the order a year of work goes: given the seeded world, when each
 * command is posted, then its events are in the store with the request's metadata.
 */
t.test('every command route appends its events', async (t) => {
  const kit = await openKit();
  t.teardown(() => kit.close());
  const w = await seedWorld(kit);
  const { admin, organizer, cadre, agency } = w.tokens;
  const typesOf = async (streamId: string) => (await kit.store.readStream(streamId)).map((e) => e.type);

  await t.test('units, agencies, cadres, policies were established by the seed', async (t) => {
    t.same(await typesOf('unit-00001001'), ['UnitEstablished']);
    const [registered] = await kit.store.readStream(`cadre-${w.c1}`);
    const data = registered?.data as Record<string, unknown>;
    t.match(data.fullName, { commitment: /^[0-9a-f]{64}$/ }, 'personal fields enter the event as commitments');
    t.notOk(JSON.stringify(data).includes('Nguyễn'), 'the plain name is not in the event');
  });

  await t.test('metadata: actor is the token id, role, request and correlation ids', async (t) => {
    const res = await kit.post('/v1/agencies', admin, { name: 'Mặt trận Tổ quốc', kind: 'mass-organisation', unitCode: '01' }, {
      'x-correlation-id': 'corr-42', 'x-request-id': 'req-42',
    });
    const [event] = await kit.store.readStream(created(res).streamId);
    const [row] = await kit.tokens.list();
    t.match(event?.metadata, { actor: row?.id, role: 'admin', correlationId: 'corr-42', requestId: 'req-42', causationId: null });
    t.same(res.headers['x-request-id'], 'req-42');
  });

  // 1. Assignments: c1 follows 00001 from 2024, agency A supports 00004.
  const assigned = created(await kit.post('/v1/assignments', organizer, assignmentBody(w.c1, '00001')));
  t.same(assigned.events.map((e) => e.type), ['CadreAssigned']);
  t.same(assigned.streamId, 'board-01');
  const support = created(await kit.post('/v1/assignments/agency-support', organizer, {
    committeeUnitCode: '01', agencyId: w.agencyA, unitCode: '00004', programme: 'Nông thôn mới',
    decisionRef: '101-QĐ/TU', decisionDate: '2023-12-20', effectiveFrom: '2024-01-01',
  }));
  t.same(support.events[0]?.type, 'AgencyAssignedToSupportUnit');
  const ended = created(await kit.post(`/v1/assignments/${support.id}/end`, organizer, { reason: 'term-ended', effectiveDate: '2025-01-01' }));
  t.same(ended.events[0]?.type, 'AssignmentEnded');

  // 2. Evaluations of 2024 by the commune c1 followed, and the province's rating of the commune.
  const evaluation = created(await kit.post('/v1/evaluations', w.tokens['unit-committee'], {
    committeeUnitCode: '00001', cadreId: w.c1, year: 2024, rating: 'good', comments: 'Đi cơ sở đều đặn.',
  }));
  t.same(evaluation.streamId, 'evaluations-00001-2024');
  t.same(created(await kit.post(`/v1/evaluations/${evaluation.id}/amend`, w.tokens['unit-committee'], { reason: 'Bổ sung', rating: 'excellent' })).events[0]?.type, 'CadreEvaluationAmended');
  t.same(created(await kit.post('/v1/unit-ratings', w.tokens.committee01, { committeeUnitCode: '01', unitCode: '00001', year: 2024, rating: 'completed' })).events[0]?.type, 'UnitRated');

  // 3. Rotation: c1 moves from 00001 to 00004 on 2025-01-01.
  const rotated = created(await kit.post('/v1/rotations', organizer, {
    committeeUnitCode: '01', cadreId: w.c1, endedAssignmentId: assigned.id, unitCode: '00004', kind: 'follow',
    decisionRef: '5-QĐ/TU', decisionDate: '2024-12-20', effectiveDate: '2025-01-01', congressTerm: '2020-2025', reason: 'Luân chuyển',
  }));
  t.same(rotated.events[0]?.type, 'CadreRotated');

  // 4. Plans: February drafted, submitted, approved; March rejected.
  const plan = created(await kit.post('/v1/plans', organizer, {
    agencyId: w.agencyA, month: '2025-02', entries: [{ cadreId: w.c1, unitCode: '00004', startDate: '2025-02-10', endDate: '2025-02-12', purpose: 'Nắm tình hình' }],
  }));
  t.same(plan.streamId, `plan-${w.agencyA}-2025-02`);
  created(await kit.post(`/v1/plans/${plan.id}/submit`, organizer, {}));
  created(await kit.post(`/v1/plans/${plan.id}/approve`, admin, { note: 'Đồng ý' }));
  const march = created(await kit.post('/v1/plans', admin, {
    agencyId: w.agencyA, month: '2025-03', entries: [{ cadreId: w.c2, unitCode: '00001', startDate: '2025-03-10', endDate: '2025-03-11', purpose: 'Dự họp chi bộ' }],
  }));
  created(await kit.post(`/v1/plans/${march.id}/submit`, admin, {}));
  created(await kit.post(`/v1/plans/${march.id}/reject`, organizer, { reason: 'Trùng lịch' }));
  t.same(await typesOf(plan.streamId), ['PlanDrafted', 'PlanSubmitted', 'PlanApproved']);
  t.same(await typesOf(march.streamId), ['PlanDrafted', 'PlanSubmitted', 'PlanRejected']);

  // 5. Visits: planned one confirmed; one to a residents' group disputed then resolved by its commune; one cancelled.
  const visit = (unitCode: string, startDate: string, endDate: string, extra: Record<string, unknown> = {}) =>
    kit.post('/v1/visits', cadre, {
      cadreId: w.c1, unitCode, startDate, endDate, purposes: ['Nắm tình hình'],
      activities: [{ kind: 'working-session', date: startDate }], ...extra,
    });
  const v1 = created(await visit('00004', '2025-02-10', '2025-02-12', { planId: plan.id }));
  t.same(v1.streamId, `fieldwork-${w.c1}-2025`);
  created(await kit.post(`/v1/visits/${v1.id}/confirm`, w.tokens.committee00004, {}));
  const v2 = created(await visit('00001001', '2025-03-01', '2025-03-02'));
  created(await kit.post(`/v1/visits/${v2.id}/dispute`, w.tokens['unit-committee'], { reason: 'Không có mặt' }));
  created(await kit.post(`/v1/visits/${v2.id}/resolve-dispute`, w.tokens['unit-committee'], { reason: 'Đã xác minh' }));
  const v3 = created(await visit('00004', '2025-03-05', '2025-03-05'));
  created(await kit.post(`/v1/visits/${v3.id}/cancel`, cadre, { reason: 'Nhập nhầm' }));

  // 6. Report with one recommendation, which the process raises in its own stream.
  const report = created(await kit.post('/v1/reports', cadre, {
    visitId: v1.id, summary: 'Tình hình ổn định', findings: [{ topic: 'living-conditions', text: 'Đời sống ổn định' }],
    recommendations: [{ text: 'Sửa đường liên thôn' }],
  }));
  created(await kit.post(`/v1/reports/${report.id}/amend`, cadre, { reason: 'Bổ sung', summary: 'Tình hình ổn định, an ninh tốt' }));
  t.same(await typesOf(v1.streamId), [
    'VisitLogged', 'VisitConfirmed', 'VisitLogged', 'VisitDisputed', 'VisitDisputeResolved', 'VisitLogged', 'VisitCancelled', 'ReportFiled', 'ReportAmended',
  ]);
  const raised = (await kit.events()).find((e) => e.type === 'RecommendationRaised');
  t.ok(raised, 'the report raised its recommendation');
  const reportEvent = (await kit.store.readStream(v1.streamId)).find((e) => e.type === 'ReportFiled');
  t.same(raised?.metadata.causationId, reportEvent?.eventId, 'caused by the ReportFiled event');
  const recommendationId = (raised?.data as { recommendationId: string }).recommendationId;

  // 7. The recommendation's life: forwarded to B, answered by B, closed, reopened by the cadre.
  created(await kit.post(`/v1/recommendations/${recommendationId}/forward`, organizer, { agencyId: w.agencyB, dueDate: '2025-04-30' }));
  created(await kit.post(`/v1/recommendations/${recommendationId}/answer`, agency, { answer: 'Đã bố trí vốn' }));
  created(await kit.post(`/v1/recommendations/${recommendationId}/close`, admin, { outcome: 'resolved' }));
  created(await kit.post(`/v1/recommendations/${recommendationId}/reopen`, cadre, { reason: 'Chưa thi công' }));
  t.same(await typesOf(`recommendation-${recommendationId}`), [
    'RecommendationRaised', 'RecommendationForwarded', 'RecommendationAnswered', 'RecommendationClosed', 'RecommendationReopened',
  ]);

  // 8. Cadres: position, transfer, retirement, erasure (the vault forgets, the commitment stays).
  created(await kit.post(`/v1/cadres/${w.c2}/position`, organizer, { position: 'Phó Trưởng ban', inSuccessionPlan: true, effectiveDate: '2025-01-01' }));
  created(await kit.post(`/v1/cadres/${w.c2}/transfer`, admin, {
    toAgencyId: w.agencyB, position: 'Chuyên viên', level: 'province', effectiveDate: '2025-02-01', decisionRef: '12-QĐ/TU',
  }));
  created(await kit.post(`/v1/cadres/${w.c3}/retire`, admin, { effectiveDate: '2025-03-01' }));
  const [registered] = await kit.store.readStream(`cadre-${w.c1}`);
  // The vault is keyed by the very commitment the event holds.
  const phone = (registered?.data as { phone: { commitment: string } }).phone.commitment;
  t.equal((await kit.ledger.personalData.reveal([phone])).size, 1, 'the phone is held before erasure');
  created(await kit.post(`/v1/cadres/${w.c1}/erase-personal-data`, admin, { fields: ['phone'], reason: 'Yêu cầu của cán bộ' }));
  t.equal((await kit.ledger.personalData.reveal([phone])).size, 0, 'and gone after');
  t.same(await typesOf(`cadre-${w.c2}`), ['CadreRegistered', 'CadrePositionChanged', 'CadreTransferred']);

  // 9. Policies: a province-02 policy amended and repealed by its organizer.
  const policy02 = created(await kit.post('/v1/policies', w.tokens.organizer02, policyBody('02'))).id;
  created(await kit.post(`/v1/policies/${policy02}/amend`, w.tokens.organizer02, {
    amendmentRef: '20-QĐ/TU', effectiveFrom: '2024-01-01', changes: { reportDeadlineDays: 10 },
  }));
  created(await kit.post(`/v1/policies/${policy02}/repeal`, w.tokens.organizer02, { repealRef: '21-QĐ/TU', effectiveDate: '2025-01-01' }));
  t.same(await typesOf(`policy-${policy02}`), ['QuotaPolicyIssued', 'QuotaPolicyAmended', 'QuotaPolicyRepealed']);

  // 10. Units: rename, reparent, merge (full: the absorbed unit is dissolved by the follow-up), dissolve.
  created(await kit.post('/v1/units/00011/rename', admin, { name: 'Xã Nậm Chạc Mới', effectiveDate: '2024-06-01' }));
  created(await kit.post('/v1/units/00013/reparent', admin, { parentCode: '003', effectiveDate: '2024-06-01', decisionRef: '7/NQ' }));
  const merged = created(await kit.post('/v1/units/merge', admin, {
    fromCodes: ['00010', '00011'], intoCode: '00011', mergeType: 'full', effectiveDate: '2025-01-01', decisionRef: '1673/NQ-UBTVQH15',
  }));
  t.same(merged.streamId, 'unit-00011');
  created(await kit.post('/v1/units/00012/dissolve', admin, { reason: 'merged', successorCodes: ['00011'], effectiveDate: '2025-01-01', decisionRef: '1673/NQ-UBTVQH15' }));
  t.same(await typesOf('unit-00011'), ['UnitEstablished', 'UnitRenamed', 'UnitsMerged']);
  t.same(await typesOf('unit-00010'), ['UnitEstablished', 'UnitDissolved']);
  t.same(await typesOf('unit-00013'), ['UnitEstablished', 'UnitReparented']);
  t.same(await typesOf('unit-00012'), ['UnitEstablished', 'UnitDissolved']);

  // 11. Agencies: renamed by an organizer of its province.
  created(await kit.post(`/v1/agencies/${w.agencyA}/rename`, organizer, { name: 'Ban Tổ chức Thành ủy Hà Nội', effectiveDate: '2025-01-01' }));
  t.same(await typesOf(`agency-${w.agencyA}`), ['AgencyRegistered', 'AgencyRenamed']);
});
