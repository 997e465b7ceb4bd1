import t from 'tap';
import { attendance } from '../../projections/attendance/projection.js';
import { recommendations } from '../../projections/recommendations/projection.js';
import { reports } from '../../projections/reports/projection.js';
import { querySummary, summaryFromVisits, type SummaryQuery } from '../../projections/summary/queries.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';
import { buildWorld, daysOf, lateVisit, recommendationEvents, recountVisits } from './attendance.world.js';

t.test('summary: the published figures of a province and period, recounted from the events', async (t) => {
  const h = await openProjectionHarness([attendance, reports, recommendations]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  const { events: recEvents } = recommendationEvents(ids);
  const given = [...events, ...recEvents, lateVisit(ids)];
  await h.given(...given);
  await h.project();
  const from = '2024-01-01';
  const to = '2024-12-31';
  const inPeriod = (d: string | undefined) => d !== undefined && d >= from && d <= to;
  const province15 = new Set(['02809', '02812']);
  const summary = await querySummary(h.database.db, { provinceCode: '15', from, to, scope: { kind: 'all' }, today: '2025-06-30' });

  // 1. Visits to units of province 15, not cancelled or disputed, with a day in 2024.
  const visits = recountVisits(given).filter((v) => province15.has(v.unitCode) && ['logged', 'confirmed'].includes(v.status) && daysOf(v.startDate, v.endDate).some(inPeriod));
  const perCadre = new Map<string, Set<string>>();
  for (const v of visits) for (const d of daysOf(v.startDate, v.endDate).filter(inPeriod)) perCadre.set(v.cadreId, (perCadre.get(v.cadreId) ?? new Set()).add(d));
  t.equal(summary.visits, visits.length);
  t.equal(summary.officials, perCadre.size);
  t.equal(summary.days, [...perCadre.values()].reduce((n, s) => n + s.size, 0));
  t.equal(summary.partyCellMeetings, visits.flatMap((v) => v.activities).filter((a) => a.kind === 'party-cell-meeting' && inPeriod(a.date)).length);

  // 2. Reports of the visits that ended in the period: filed (Y on time, X late), the late-logged one missing.
  const ended = visits.filter((v) => inPeriod(v.endDate));
  const filed = given.filter((g) => g.event.type === 'ReportFiled' && ended.some((v) => g.event.type === 'ReportFiled' && v.visitId === g.event.data.visitId));
  t.equal(summary.reportsFiled, filed.length);
  t.equal(summary.reportsDue, ended.length, 'all past due by 2025-06-30');
  t.equal(summary.reportsOnTime, 1);

  // 3. Recommendations raised and answered in the period at units of the province.
  const raised = recEvents.filter((g) => g.event.type === 'RecommendationRaised' && province15.has(g.event.data.unitCode) && inPeriod(g.occurredAt));
  t.equal(summary.recommendationsRaised, raised.length);
  t.equal(summary.recommendationsAnswered, 2, 'rec1 and rec4 (answered before it was closed and reopened)');

  // 4. A narrower period and another province; a cadre's own scope.
  const march = await querySummary(h.database.db, { provinceCode: '15', from: '2024-03-01', to: '2024-03-31', scope: { kind: 'all' }, today: '2025-06-30' });
  t.same([march.visits, march.days, march.officials], [1, 3, 1]);
  const p10 = await querySummary(h.database.db, { provinceCode: '10', from, to, scope: { kind: 'all' }, today: '2025-06-30' });
  t.same([p10.visits, p10.days, p10.recommendationsRaised], [1, 5, 1]);
  const own = await querySummary(h.database.db, { from, to, scope: { kind: 'cadre', cadreId: ids.cadreY }, today: '2025-06-30' });
  t.same([own.officials, own.visits, own.days], [1, 1, 2]);

  // 5. The SQL count gives the definition's answer (the visits and context, row by row).
  for (const q of [
    { provinceCode: '15', from, to, scope: { kind: 'all' }, today: '2025-06-30' },
    { from: '2024-03-01', to: '2024-03-31', scope: { kind: 'all' }, today: '2024-04-02' },
    { from, to, scope: { kind: 'cadre', cadreId: ids.cadreY }, today: '2025-06-30' },
    { from, to, scope: { kind: 'nothing' }, today: '2025-06-30' },
  ] satisfies SummaryQuery[]) t.same(await querySummary(h.database.db, q), await summaryFromVisits(h.database.db, q), JSON.stringify(q));
});
