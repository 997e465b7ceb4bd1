import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '#events/registry.js';
import type { Projection } from '../../src/projections/Projection.js';
import { openProjectionHarness, type Given } from '../helpers/projectionHarness.js';

/**
 * A small province for the dashboard tests: province 15, district 080 with communes 02809 and
 * 02812, province 10 with commune 03001; agencies, cadres, a 36-days policy (Lào Cai 19-QĐ/TU as
 * the brief states it, unconfirmed: domain-notes §1) and a one-third policy (Nghệ An, unconfirmed:
 * §4), assignments and visits, some out of order. Figures are recounted from `events` by the tests.
 */
const hash = (c: string) => ({ commitment: c.repeat(64) });

/** A harness over these read models with the world given and projected, closed when the test ends. */
export async function projectedWorld(t: { teardown(fn: () => Promise<void>): void }, projections: readonly Projection[]) {
  const h = await openProjectionHarness(projections);
  t.teardown(h.close);
  const world = buildWorld();
  await h.given(...world.events);
  await h.project();
  return { h, ...world };
}

export function buildWorld() {
  const ids = {
    agencyA: randomUUID(), agencyB: randomUUID(), agencyOther: randomUUID(),
    cadreX: randomUUID(), cadreY: randomUUID(), cadreZ: randomUUID(), cadreW: randomUUID(),
    policy36: randomUUID(), policyThird: randomUUID(),
    v1: randomUUID(), v2: randomUUID(), v3: randomUUID(), v4: randomUUID(), v5: randomUUID(), v6: randomUUID(), v7: randomUUID(), v8: randomUUID(),
    r1: randomUUID(), r2: randomUUID(), r6: randomUUID(),
  };
  const events: Given[] = [];
  const add = (stream: string, event: DomainEvent, occurredAt?: string) => events.push({ stream, event, ...(occurredAt ? { occurredAt } : {}) });
  const unit = (code: string, name: string, level: 'province' | 'district' | 'commune', parentCode: string | null) =>
    add(`unit-${code}`, { type: 'UnitEstablished', data: { code, name, type: level === 'commune' ? 'Xã' : level === 'district' ? 'Huyện' : 'Tỉnh', level, parentCode, effectiveDate: '2000-01-01' } });
  unit('15', 'Tỉnh Lào Cai', 'province', null);
  unit('080', 'Huyện Bát Xát', 'district', '15');
  unit('02809', 'Xã A Mú Sung', 'commune', '080');
  unit('02812', 'Xã Nậm Chạc', 'commune', '080');
  unit('10', 'Tỉnh Nghệ An', 'province', null);
  unit('03001', 'Xã Một', 'commune', '10');
  const agency = (agencyId: string, unitCode: string) => add(`agency-${agencyId}`, { type: 'AgencyRegistered', data: { agencyId, name: `Sở ${unitCode}`, kind: 'state-department', unitCode } });
  agency(ids.agencyA, '15');
  agency(ids.agencyB, '15');
  agency(ids.agencyOther, '10');
  const cadre = (cadreId: string, agencyId: string) => add(`cadre-${cadreId}`, { type: 'CadreRegistered', data: {
    cadreId, fullName: hash('a'), dateOfBirth: hash('b'), position: 'Phó Giám đốc', agencyId, level: 'province', expertise: [], inSuccessionPlan: false,
  } });
  cadre(ids.cadreX, ids.agencyA);
  cadre(ids.cadreY, ids.agencyA);
  cadre(ids.cadreZ, ids.agencyB);
  cadre(ids.cadreW, ids.agencyOther);
  const policy = (policyId: string, scope: string, rule: { kind: 'days-per-year'; days: number } | { kind: 'share-of-working-days'; share: number }, reportDeadlineDays: number) =>
    add(`policy-${policyId}`, { type: 'QuotaPolicyIssued', data: {
      policyId, reference: `${scope}-QĐ/TU`, title: 'Quy định đi cơ sở', issuingUnitCode: scope, issuedOn: '2014-03-20', scopeUnitCodes: [scope],
      terms: { appliesTo: { levels: ['province'], positions: [] }, rule, reportDeadlineDays, oneCadreOneCommune: false, oneFollowerPerCommune: false },
      effectiveFrom: '2014-03-20',
    } });
  policy(ids.policy36, '15', { kind: 'days-per-year', days: 36 }, 7);
  policy(ids.policyThird, '10', { kind: 'share-of-working-days', share: 1 / 3 }, 10);
  const assign = (board: string, cadreId: string, unitCode: string, effectiveFrom: string) => add(`board-${board}`, { type: 'CadreAssigned', data: {
    assignmentId: randomUUID(), committeeUnitCode: board, cadreId, unitCode, kind: 'follow', decisionRef: '718-QĐ/TU', decisionDate: effectiveFrom, effectiveFrom, congressTerm: '2020-2025',
  } });
  assign('15', ids.cadreX, '02809', '2023-01-01');
  assign('15', ids.cadreY, '02812', '2024-07-01');
  assign('10', ids.cadreW, '03001', '2024-01-01');
  const fw = (cadreId: string, year: number) => `fieldwork-${cadreId}-${year}`;
  const visit = (visitId: string, cadreId: string, unitCode: string, startDate: string, endDate: string, activities: Array<{ kind: 'party-cell-meeting' | 'working-session' | 'field-work'; date: string }>) =>
    add(fw(cadreId, Number(startDate.slice(0, 4))), { type: 'VisitLogged', data: { visitId, cadreId, unitCode, startDate, endDate, purposes: ['nắm tình hình'], activities } }, startDate);
  // X: a three-day confirmed visit with a cell meeting; a visit across the new year; one cancelled; one disputed.
  visit(ids.v1, ids.cadreX, '02809', '2024-03-04', '2024-03-06', [{ kind: 'working-session', date: '2024-03-04' }, { kind: 'party-cell-meeting', date: '2024-03-05' }]);
  add(fw(ids.cadreX, 2024), { type: 'VisitConfirmed', data: { visitId: ids.v1, byUnitCode: '02809' } });
  visit(ids.v2, ids.cadreX, '02809', '2024-12-30', '2025-01-02', [{ kind: 'party-cell-meeting', date: '2024-12-31' }, { kind: 'field-work', date: '2025-01-02' }]);
  visit(ids.v3, ids.cadreX, '02809', '2024-05-01', '2024-05-02', [{ kind: 'field-work', date: '2024-05-01' }]);
  add(fw(ids.cadreX, 2024), { type: 'VisitCancelled', data: { visitId: ids.v3, reason: 'mưa lũ' } });
  visit(ids.v4, ids.cadreX, '02809', '2024-06-10', '2024-06-10', [{ kind: 'field-work', date: '2024-06-10' }]);
  add(fw(ids.cadreX, 2024), { type: 'VisitDisputed', data: { visitId: ids.v4, byUnitCode: '02809', reason: 'không có mặt' } });
  // Y: a visit, with a report filed on time (deadline 7 days) and amended.
  visit(ids.v5, ids.cadreY, '02812', '2024-08-01', '2024-08-02', [{ kind: 'party-cell-meeting', date: '2024-08-01' }]);
  add(fw(ids.cadreY, 2024), { type: 'ReportFiled', data: { reportId: ids.r1, visitId: ids.v5, cadreId: ids.cadreY, summary: 'ổn', findings: [], recommendations: [] } }, '2024-08-05');
  add(fw(ids.cadreY, 2024), { type: 'ReportAmended', data: { reportId: ids.r1, reason: 'bổ sung', summary: 'ổn định' } }, '2024-08-20');
  // X's v1 report is late (filed 2024-03-20, due 2024-03-13).
  add(fw(ids.cadreX, 2024), { type: 'ReportFiled', data: { reportId: ids.r2, visitId: ids.v1, cadreId: ids.cadreX, summary: 'muộn', findings: [], recommendations: [] } }, '2024-03-20');
  // W in the other province, under the one-third policy.
  visit(ids.v7, ids.cadreW, '03001', '2024-04-01', '2024-04-05', [{ kind: 'working-session', date: '2024-04-01' }]);
  return { ids, events };
}

/** Logged late: recorded after everything else, dated in February 2024 (out of order in effective time). */
export function lateVisit(ids: ReturnType<typeof buildWorld>['ids']): Given {
  return {
    stream: `fieldwork-${ids.cadreX}-2024`, occurredAt: '2024-02-12',
    event: { type: 'VisitLogged', data: { visitId: ids.v6, cadreId: ids.cadreX, unitCode: '02809', startDate: '2024-02-12', endDate: '2024-02-13', purposes: ['muộn'], activities: [{ kind: 'party-cell-meeting', date: '2024-02-12' }] } },
  };
}

type Status = 'logged' | 'confirmed' | 'disputed' | 'cancelled';
interface Recounted { visitId: string; cadreId: string; unitCode: string; startDate: string; endDate: string; status: Status; activities: Array<{ kind: string; date: string }> }

/** The visits as the given events say, replayed here independently of the projection. */
export function recountVisits(events: readonly Given[]): Recounted[] {
  const visits = new Map<string, Recounted>();
  for (const { event } of events) {
    if (event.type === 'VisitLogged') visits.set(event.data.visitId, { ...event.data, status: 'logged' });
    const target = 'visitId' in event.data && typeof event.data.visitId === 'string' ? visits.get(event.data.visitId) : undefined;
    if (target === undefined) continue;
    if (event.type === 'VisitConfirmed' || event.type === 'VisitDisputeResolved') target.status = 'confirmed';
    if (event.type === 'VisitDisputed') target.status = 'disputed';
    if (event.type === 'VisitCancelled') target.status = 'cancelled';
  }
  return [...visits.values()];
}

/** Calendar days of a date range, by Date arithmetic (not the domain's). */
export function daysOf(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

export function recountAttendance(events: readonly Given[], cadreId: string, year: number, statuses: readonly Status[] = ['logged', 'confirmed']) {
  const visits = recountVisits(events).filter((v) => v.cadreId === cadreId && statuses.includes(v.status));
  const inYear = (d: string) => d.startsWith(`${year}-`);
  const counted = visits.filter((v) => daysOf(v.startDate, v.endDate).some(inYear));
  const days = new Set(counted.flatMap((v) => daysOf(v.startDate, v.endDate).filter(inYear))).size;
  const cell = counted.flatMap((v) => v.activities).filter((a) => a.kind === 'party-cell-meeting' && inYear(a.date)).length;
  return { days, visits: counted.length, partyCellMeetings: cell };
}

/**
 * Recommendations from Y's report at 02812 (province 15) and W's visit at 03001 (province 10):
 * rec1 forwarded to agency B and answered; rec2 forwarded and overdue after 2024-08-30; rec3 never
 * forwarded; rec4 answered, closed, then reopened (open again, forwarded to B).
 */
export function recommendationEvents(ids: ReturnType<typeof buildWorld>['ids']) {
  const rec = { rec1: randomUUID(), rec2: randomUUID(), rec3: randomUUID(), rec4: randomUUID() };
  const events: Given[] = [];
  const add = (id: string, event: DomainEvent, occurredAt: string) => events.push({ stream: `recommendation-${id}`, event, occurredAt });
  const raise = (id: string, cadreId: string, unitCode: string, visitId: string, on: string) =>
    add(id, { type: 'RecommendationRaised', data: { recommendationId: id, reportId: ids.r1, visitId, cadreId, unitCode, text: 'sửa đường' } }, on);
  const forward = (id: string, dueDate: string, on: string) => add(id, { type: 'RecommendationForwarded', data: { recommendationId: id, agencyId: ids.agencyB, dueDate } }, on);
  raise(rec.rec1, ids.cadreY, '02812', ids.v5, '2024-08-05');
  forward(rec.rec1, '2024-09-01', '2024-08-06');
  add(rec.rec1, { type: 'RecommendationAnswered', data: { recommendationId: rec.rec1, agencyId: ids.agencyB, answer: 'đã sửa' } }, '2024-08-20');
  raise(rec.rec2, ids.cadreY, '02812', ids.v5, '2024-08-05');
  forward(rec.rec2, '2024-08-30', '2024-08-06');
  raise(rec.rec3, ids.cadreW, '03001', ids.v7, '2024-04-10');
  raise(rec.rec4, ids.cadreX, '02809', ids.v1, '2024-03-20');
  forward(rec.rec4, '2024-04-30', '2024-03-21');
  add(rec.rec4, { type: 'RecommendationAnswered', data: { recommendationId: rec.rec4, agencyId: ids.agencyB, answer: 'xong' } }, '2024-04-01');
  add(rec.rec4, { type: 'RecommendationClosed', data: { recommendationId: rec.rec4, outcome: 'resolved' } }, '2024-04-02');
  add(rec.rec4, { type: 'RecommendationReopened', data: { recommendationId: rec.rec4, reason: 'chưa xong' } }, '2024-05-02');
  return { rec, events };
}

/** Commune 02809's committee evaluates X and Y; district 080 rates both communes; province 10 rates 03001. */
export function evaluationEvents(ids: ReturnType<typeof buildWorld>['ids']) {
  const ev = { x: randomUUID(), y: randomUUID(), w: randomUUID() };
  const events: Given[] = [
    { stream: 'evaluations-02809-2024', event: { type: 'CadreEvaluated', data: { evaluationId: ev.x, committeeUnitCode: '02809', cadreId: ids.cadreX, year: 2024, rating: 'good', comments: 'tốt' } } },
    { stream: 'evaluations-02809-2024', event: { type: 'CadreEvaluated', data: { evaluationId: ev.y, committeeUnitCode: '02809', cadreId: ids.cadreY, year: 2024, rating: 'completed', comments: 'đạt' } } },
    { stream: 'evaluations-02809-2024', event: { type: 'CadreEvaluationAmended', data: { evaluationId: ev.y, reason: 'xem lại', rating: 'excellent' } } },
    { stream: 'evaluations-03001-2024', event: { type: 'CadreEvaluated', data: { evaluationId: ev.w, committeeUnitCode: '03001', cadreId: ids.cadreW, year: 2024, rating: 'not-completed', comments: 'chưa đạt' } } },
    { stream: 'evaluations-080-2024', event: { type: 'UnitRated', data: { committeeUnitCode: '080', unitCode: '02809', year: 2024, rating: 'good' } } },
    { stream: 'evaluations-080-2024', event: { type: 'UnitRated', data: { committeeUnitCode: '080', unitCode: '02812', year: 2024, rating: 'good' } } },
    { stream: 'evaluations-10-2024', event: { type: 'UnitRated', data: { committeeUnitCode: '10', unitCode: '03001', year: 2024, rating: 'completed' } } },
    { stream: 'evaluations-080-2023', event: { type: 'UnitRated', data: { committeeUnitCode: '080', unitCode: '02809', year: 2023, rating: 'excellent' } } },
  ];
  return { ev, events };
}
