import t from 'tap';
import type { ReportFiled, VisitLogged } from '#events/fieldwork.js';
import type { FieldworkEvent } from '#events/registry.js';
import {
  fieldworkDecider, grassrootsDays, reportFact, visitPeriods, visitsAwaitingReport,
  type FieldworkContexts, type FileReport, type LogVisit,
} from '#src/domain/fieldwork/index.js';
import type { PlanFact } from '#src/domain/facts.js';
import { COMMUNE, HAMLET, OTHER_COMMUNE, cadreActor, cadreFact, committeeActor, id, meta, unitFact } from './fixtures.js';
import { specFor } from './givenWhenThen.js';

const given = specFor(fieldworkDecider);
const CADRE = id(1);
const [V1, V2] = [id(201), id(202)];
const [R1, R2] = [id(301), id(302)];
const [REC1, REC2] = [id(401), id(402)];
const PLAN = id(700);
const asCadre = meta(cadreActor(CADRE));
const asCommittee = meta(committeeActor(COMMUNE));

const visitData: VisitLogged = {
  visitId: V1, cadreId: CADRE, unitCode: COMMUNE, startDate: '2025-02-10', endDate: '2025-02-11',
  purposes: ['Nắm tình hình sản xuất vụ đông xuân'],
  activities: [
    { kind: 'working-session', date: '2025-02-10', note: 'Làm việc với Đảng ủy xã' },
    { kind: 'party-cell-meeting', date: '2025-02-11' },
  ],
};
const logged: FieldworkEvent = { type: 'VisitLogged', data: visitData };
const log = (data: Partial<VisitLogged> = {}): LogVisit => ({ type: 'LogVisit', data: { ...visitData, ...data }, metadata: asCadre });
const logContext = (overrides: Partial<FieldworkContexts['LogVisit']> = {}, date = '2025-02-10'): FieldworkContexts['LogVisit'] => ({
  unit: unitFact(COMMUNE, date), cadre: cadreFact(CADRE, date), otherYearVisits: [], plan: null, ...overrides,
});
const loggedOn = (visitId: string, startDate: string, endDate: string): FieldworkEvent => ({
  type: 'VisitLogged', data: { ...visitData, visitId, startDate, endDate, activities: [{ kind: 'field-work', date: startDate }] },
});

const oneDay = (date: string): Pick<VisitLogged, 'startDate' | 'endDate' | 'activities'> => ({
  startDate: date, endDate: date, activities: [{ kind: 'conference', date }],
});

const confirmed: FieldworkEvent = { type: 'VisitConfirmed', data: { visitId: V1, byUnitCode: COMMUNE } };
const disputed: FieldworkEvent = { type: 'VisitDisputed', data: { visitId: V1, byUnitCode: COMMUNE, reason: 'Đồng chí không có mặt ngày 11/2' } };
const cancelled: FieldworkEvent = { type: 'VisitCancelled', data: { visitId: V1, reason: 'Ghi nhầm' } };
const committeeContext = { visitedUnit: unitFact(COMMUNE, '2025-02-10') };

const reportData: ReportFiled = {
  reportId: R1, visitId: V1, cadreId: CADRE, summary: 'Xã triển khai tốt nghị quyết về chuyển đổi cây trồng.',
  findings: [{ topic: 'living-conditions', text: 'Đời sống nhân dân ổn định' }],
  recommendations: [{ recommendationId: REC1, text: 'Đề nghị hỗ trợ giống ngô cho 3 thôn' }],
};
const filed: FieldworkEvent = { type: 'ReportFiled', data: reportData };
const { cadreId: _cadre, ...fileData } = reportData;
const file = (data: Partial<FileReport['data']> = {}): FileReport => ({ type: 'FileReport', data: { ...fileData, ...data }, metadata: asCadre });

t.test('LogVisit', async (t) => {
  t.test('logs the cadre\'s own visit', async () => {
    given([]).when(log(), logContext()).then([logged]);
  });
  t.test('a cadre logs only their own visits', async () => {
    given([]).when({ ...log(), metadata: meta(cadreActor(id(2))) }, logContext()).thenThrows('NOT_OWN_VISIT', 'cadreId');
    given([]).when({ ...log(), metadata: asCommittee }, logContext()).thenThrows('NOT_OWN_VISIT', 'cadreId');
  });
  t.test('the visit id is new', async () => {
    given([logged]).when(log({ startDate: '2025-02-20', endDate: '2025-02-20', activities: [{ kind: 'conference', date: '2025-02-20' }] }), logContext({}, '2025-02-20'))
      .thenThrows('VISIT_ALREADY_EXISTS', 'visitId');
  });
  t.test('no dates in the future (Vietnam time)', async () => {
    const tomorrow = oneDay('2025-03-02');
    given([]).when(log(tomorrow), logContext({}, '2025-03-02')).thenThrows('DATE_IN_FUTURE', 'endDate');
    const today = oneDay('2025-03-01');
    given([]).when(log(today), logContext({}, '2025-03-01')).then([{ type: 'VisitLogged', data: { ...visitData, ...today } }]);
    // 23:30 UTC on 28 February is already 1 March in Hà Nội
    given([]).when({ ...log(today), metadata: meta(cadreActor(CADRE), '2025-02-28T23:30:00Z') }, logContext({}, '2025-03-01'))
      .then([{ type: 'VisitLogged', data: { ...visitData, ...today } }]);
    given([]).when({ ...log(today), metadata: meta(cadreActor(CADRE), '2025-02-28T16:59:00Z') }, logContext({}, '2025-03-01'))
      .thenThrows('DATE_IN_FUTURE', 'endDate');
  });
  t.test('the end is not before the start', async () => {
    given([]).when(log({ endDate: '2025-02-09' }), logContext()).thenThrows('DATE_RANGE_INVALID', 'endDate');
  });
  t.test('activities fall inside the visit\'s dates', async () => {
    const activities = [visitData.activities[0]!, { kind: 'dialogue-with-residents', date: '2025-02-12' }] as const;
    given([]).when(log({ activities: [...activities] }), logContext()).thenThrows('ACTIVITY_OUTSIDE_VISIT', 'activities.1.date');
  });
  t.test('the unit is active and the cadre in service on the first day', async () => {
    given([]).when(log(), logContext({ unit: null })).thenThrows('UNIT_NOT_FOUND', 'unitCode');
    given([]).when(log(), logContext({ unit: unitFact(COMMUNE, '2025-02-10', { active: false }) })).thenThrows('UNIT_NOT_ACTIVE', 'unitCode');
    given([]).when(log(), logContext({ cadre: cadreFact(CADRE, '2025-02-10', { active: false }) })).thenThrows('CADRE_NOT_ACTIVE', 'cadreId');
  });
  t.test('no overlap with the cadre\'s other visits', async () => {
    const second = log({ visitId: V2, unitCode: OTHER_COMMUNE, startDate: '2025-02-11', endDate: '2025-02-12', activities: [{ kind: 'field-work', date: '2025-02-12' }] });
    const secondContext = logContext({ unit: unitFact(OTHER_COMMUNE, '2025-02-11') }, '2025-02-11');
    given([logged]).when(second, secondContext).thenThrows('VISIT_OVERLAPS', 'startDate');
    given([logged, cancelled]).when(second, secondContext).then([{ type: 'VisitLogged', data: second.data }]);
  });
  t.test('no overlap with a visit in the neighbouring year\'s stream', async () => {
    const newYear = log({ startDate: '2025-01-01', endDate: '2025-01-01', activities: [{ kind: 'field-work', date: '2025-01-01' }] });
    given([]).when(newYear, logContext({ otherYearVisits: [{ visitId: V2, startDate: '2024-12-30', endDate: '2025-01-01' }] }, '2025-01-01'))
      .thenThrows('VISIT_OVERLAPS', 'startDate');
  });
  t.test('a plan reference names an approved plan with an entry for this cadre and unit', async () => {
    const plan: PlanFact = { planId: PLAN, status: 'approved', entries: [{ cadreId: CADRE, unitCode: COMMUNE }] };
    given([]).when(log({ planId: PLAN }), logContext({ plan })).then([{ type: 'VisitLogged', data: { ...visitData, planId: PLAN } }]);
    given([]).when(log({ planId: PLAN }), logContext()).thenThrows('PLAN_NOT_FOUND', 'planId');
    given([]).when(log({ planId: PLAN }), logContext({ plan: { ...plan, status: 'submitted' } })).thenThrows('PLAN_NOT_APPROVED', 'planId');
    given([]).when(log({ planId: PLAN }), logContext({ plan: { ...plan, entries: [] } })).thenThrows('PLAN_ENTRY_NOT_FOUND', 'planId');
  });
});

t.test('ConfirmVisit and DisputeVisit', async (t) => {
  const confirm = { type: 'ConfirmVisit', data: { visitId: V1 }, metadata: asCommittee } as const;
  const dispute = { type: 'DisputeVisit', data: { visitId: V1, reason: 'Đồng chí không có mặt ngày 11/2' }, metadata: asCommittee } as const;
  t.test('the visited commune\'s committee confirms or disputes', async () => {
    given([logged]).when(confirm, committeeContext).then([confirmed]);
    given([logged]).when(dispute, committeeContext).then([disputed]);
  });
  t.test('for a hamlet, the committee of its commune', async () => {
    const hamletVisit = { ...logged, data: { ...visitData, unitCode: HAMLET } } as FieldworkEvent;
    given([hamletVisit]).when(confirm, { visitedUnit: unitFact(HAMLET, '2025-02-10') }).then([confirmed]);
  });
  t.test('no other committee, no cadre', async () => {
    given([logged]).when({ ...confirm, metadata: meta(committeeActor(OTHER_COMMUNE)) }, committeeContext).thenThrows('NOT_UNIT_COMMITTEE', 'visitId');
    given([logged]).when({ ...dispute, metadata: asCadre }, committeeContext).thenThrows('NOT_UNIT_COMMITTEE', 'visitId');
  });
  t.test('a disputed visit cannot simply be confirmed', async () => {
    given([logged, disputed]).when(confirm, committeeContext).thenThrows('VISIT_DISPUTED', 'visitId');
  });
  t.test('not twice, not a cancelled or unknown visit', async () => {
    given([logged, confirmed]).when(confirm, committeeContext).thenThrows('VISIT_ALREADY_CONFIRMED', 'visitId');
    given([logged, disputed]).when(dispute, committeeContext).thenThrows('VISIT_ALREADY_DISPUTED', 'visitId');
    given([logged, confirmed]).when(dispute, committeeContext).thenThrows('VISIT_ALREADY_CONFIRMED', 'visitId');
    given([logged, cancelled]).when(confirm, committeeContext).thenThrows('VISIT_CANCELLED', 'visitId');
    given([]).when(confirm, committeeContext).thenThrows('VISIT_NOT_FOUND', 'visitId');
  });
});

t.test('ResolveVisitDispute', async (t) => {
  const resolve = { type: 'ResolveVisitDispute', data: { visitId: V1, reason: 'Đã xác minh: đồng chí dự họp chi bộ thôn Nậm Pồ' }, metadata: asCommittee } as const;
  t.test('confirms a disputed visit with an event that says why', async () => {
    given([logged, disputed]).when(resolve, committeeContext).then([{ type: 'VisitDisputeResolved', data: { visitId: V1, byUnitCode: COMMUNE, reason: resolve.data.reason } }]);
  });
  t.test('only a disputed visit, by its committee', async () => {
    given([logged]).when(resolve, committeeContext).thenThrows('VISIT_NOT_DISPUTED', 'visitId');
    given([logged, disputed]).when({ ...resolve, metadata: meta(committeeActor(OTHER_COMMUNE)) }, committeeContext).thenThrows('NOT_UNIT_COMMITTEE', 'visitId');
  });
  t.test('once resolved, the visit is confirmed', async () => {
    const resolved: FieldworkEvent = { type: 'VisitDisputeResolved', data: { visitId: V1, byUnitCode: COMMUNE, reason: 'x' } };
    given([logged, disputed, resolved]).when({ ...resolve, type: 'ConfirmVisit' }, committeeContext).thenThrows('VISIT_ALREADY_CONFIRMED', 'visitId');
  });
});

t.test('CancelVisit', async (t) => {
  const cancel = { type: 'CancelVisit', data: { visitId: V1, reason: 'Ghi nhầm' }, metadata: asCadre } as const;
  t.test('the cadre cancels a logged or disputed visit', async () => {
    given([logged]).when(cancel, {}).then([cancelled]);
    given([logged, disputed]).when(cancel, {}).then([cancelled]);
  });
  t.test('not someone else\'s, not a confirmed, cancelled or reported one', async () => {
    given([logged]).when({ ...cancel, metadata: meta(cadreActor(id(2))) }, {}).thenThrows('NOT_OWN_VISIT', 'visitId');
    given([logged, confirmed]).when(cancel, {}).thenThrows('VISIT_ALREADY_CONFIRMED', 'visitId');
    given([logged, cancelled]).when(cancel, {}).thenThrows('VISIT_CANCELLED', 'visitId');
    given([logged, filed]).when(cancel, {}).thenThrows('VISIT_HAS_REPORT', 'visitId');
  });
});

t.test('FileReport', async (t) => {
  t.test('the cadre files one report per visit', async () => {
    given([logged]).when(file(), {}).then([filed]);
    given([logged, filed]).when(file({ reportId: R2, recommendations: [] }), {}).thenThrows('REPORT_ALREADY_FILED', 'visitId');
  });
  t.test('only the cadre who made the visit', async () => {
    given([logged]).when({ ...file(), metadata: meta(cadreActor(id(2))) }, {}).thenThrows('NOT_OWN_VISIT', 'visitId');
  });
  t.test('not for a cancelled or unknown visit', async () => {
    given([logged, cancelled]).when(file(), {}).thenThrows('VISIT_CANCELLED', 'visitId');
    given([]).when(file(), {}).thenThrows('VISIT_NOT_FOUND', 'visitId');
  });
  t.test('report and recommendation ids are new', async () => {
    given([logged, filed, loggedOn(V2, '2025-02-20', '2025-02-20')]).when(file({ visitId: V2 }), {}).thenThrows('REPORT_ALREADY_EXISTS', 'reportId');
    given([logged, filed, loggedOn(V2, '2025-02-20', '2025-02-20')]).when(file({ visitId: V2, reportId: R2 }), {})
      .thenThrows('RECOMMENDATION_ID_REPEATED', 'recommendations.0.recommendationId');
    const twice = [{ recommendationId: REC2, text: 'a' }, { recommendationId: REC2, text: 'b' }];
    given([logged]).when(file({ recommendations: twice }), {}).thenThrows('RECOMMENDATION_ID_REPEATED', 'recommendations.1.recommendationId');
  });
});

t.test('AmendReport', async (t) => {
  const amend = { type: 'AmendReport', data: { reportId: R1, reason: 'Bổ sung số liệu', summary: 'Xã đã chuyển đổi 40 ha.' }, metadata: asCadre } as const;
  t.test('the cadre amends with a reason; the original stays', async () => {
    given([logged, filed]).when(amend, {}).then([{ type: 'ReportAmended', data: amend.data }]);
  });
  t.test('an amendment changes something, of an existing report, by its cadre', async () => {
    given([logged, filed]).when({ ...amend, data: { reportId: R1, reason: 'x' } }, {}).thenThrows('AMENDMENT_EMPTY', 'reportId');
    given([logged]).when(amend, {}).thenThrows('REPORT_NOT_FOUND', 'reportId');
    given([logged, filed]).when({ ...amend, metadata: meta(cadreActor(id(2))) }, {}).thenThrows('NOT_OWN_VISIT', 'reportId');
  });
});

t.test('queries', async (t) => {
  const state = [
    logged, confirmed, filed,
    loggedOn(V2, '2025-02-20', '2025-02-22'),
    { type: 'ReportAmended', data: { reportId: R1, reason: 'x', summary: 'Tóm tắt mới' } },
  ].reduce((s, e) => fieldworkDecider.evolve(s, e as FieldworkEvent), fieldworkDecider.initialState());
  t.same(visitPeriods(state), [
    { visitId: V1, startDate: '2025-02-10', endDate: '2025-02-11' },
    { visitId: V2, startDate: '2025-02-20', endDate: '2025-02-22' },
  ]);
  t.same(reportFact(state, R1), { reportId: R1, visitId: V1, cadreId: CADRE, unitCode: COMMUNE, recommendations: reportData.recommendations });
  t.equal(reportFact(state, R2), null);
  t.equal(state.reports.get(R1)?.summary, 'Tóm tắt mới');
  t.equal(grassrootsDays(state, { start: '2025-01-01', end: '2025-12-31' }), 2, 'confirmed days only');
  t.equal(grassrootsDays(state, { start: '2025-02-21', end: null }, ['logged', 'confirmed']), 2);
  t.same(visitsAwaitingReport(state), [{ visitId: V2, endDate: '2025-02-22' }]);
});
