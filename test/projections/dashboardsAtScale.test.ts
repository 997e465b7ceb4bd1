import { sql } from 'kysely';
import t from 'tap';
import { attendance } from '../../projections/attendance/projection.js';
import { attendanceFromVisits, queryAttendance, type AttendanceQuery } from '../../projections/attendance/queries.js';
import { evaluations } from '../../projections/evaluations/projection.js';
import { evaluationsFromContext, queryEvaluations, type EvaluationsQuery } from '../../projections/evaluations/queries.js';
import { recommendations } from '../../projections/recommendations/projection.js';
import { reports } from '../../projections/reports/projection.js';
import { queryReports, reportsFromVisits, type ReportsQuery } from '../../projections/reports/queries.js';
import { querySummary, summaryFromVisits, type SummaryQuery } from '../../projections/summary/queries.js';
import { answerFromItems, loadRecommendations, queryRecommendations, type RecommendationsQuery } from '../../projections/recommendations/queries.js';
import { ancestorsOf, loadContext } from '../../projections/attendance/contextQueries.js';
import type { DashboardScope } from '../../projections/attendance/scope.js';
import { generateHistory } from '../../scripts/bench/projections/generate.js';
import { PROVINCE } from '../../scripts/bench/projections/province.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';

// The dashboards answer from pre-counted read models; their definition is the answer worked out
// from every row in memory (itself recounted from the events in recommendations.test.ts). Here the
// two must agree on a generated province's history (the projections bench's generator, small),
// for every scope, filter, status, page and three "today"s.

const h = await openProjectionHarness([recommendations, attendance, reports, evaluations]);
t.teardown(h.close);
await generateHistory(h.store, { events: 6_000, cadres: 30, fromYear: 2024, today: '2026-06-30', seed: 11 });
const last = BigInt((await sql<{ p: string }>`SELECT max(global_position)::text AS p FROM events`.execute(h.database.db)).rows[0]!.p);
while ((await h.store.headPosition()) < last) await new Promise((r) => setTimeout(r, 10));
await h.runner.catchUp();
const db = h.database.db;

t.test('recommendations: the pre-counted answer equals the answer from every item', async (t) => {
  const items = await loadRecommendations(db);
  t.ok(items.length > 100, `${items.length} recommendations generated`);
  const statuses = new Set(items.map((i) => i.status));
  t.same([...statuses].sort(), ['answered', 'closed', 'forwarded', 'raised'], 'every status occurs');
  const agency = items.find((i) => i.agencyId !== null)!.agencyId!;
  const ctx = await loadContext(db, 'recommendations_context');
  const district = [...ctx.units.entries()].find(([, u]) => u.status === 'established' && u.level === 'district')![0];
  const commune = items[0]!.unitCode;
  const scopes: DashboardScope[] = [
    { kind: 'all' }, { kind: 'province', provinceCode: PROVINCE }, { kind: 'province', provinceCode: '15' },
    { kind: 'unit', unitCode: district }, { kind: 'unit', unitCode: commune }, { kind: 'agency', agencyId: agency },
    { kind: 'cadre', cadreId: items[0]!.cadreId }, { kind: 'nothing' },
  ];
  // A day some open item falls due on: due that day is not yet overdue.
  const dueDay = items.filter((i) => i.status === 'forwarded' && i.dueDate !== null).map((i) => i.dueDate!).sort().at(-1)!;
  const todays = ['2026-06-30', '2025-03-01', dueDay];
  let compared = 0;
  for (const today of todays) {
    for (const scope of scopes) {
      for (const filter of [{}, { provinceCode: PROVINCE }, { provinceCode: '15' }, { agencyId: agency }]) {
        for (const status of [undefined, 'open', 'overdue', 'answered', 'closed'] as const) {
          for (const [limit, offset] of [[100, 0], [5, 7]] as const) {
            const q: RecommendationsQuery = { scope, today, limit, offset, ...filter, ...(status ? { status } : {}) };
            const expected = answerFromItems(ctx, items, q);
            const actual = await queryRecommendations(db, q);
            t.same(actual, expected, `${today} ${JSON.stringify(scope)} ${JSON.stringify(filter)} ${status ?? 'any'} ${limit}/${offset}`);
            compared += 1;
          }
        }
      }
    }
  }
  t.equal(compared, todays.length * scopes.length * 4 * 5 * 2);

  const live = await h.digest('recommendations_groups', 'agency_key, unit_code');
  const liveDays = await h.digest('recommendations_days', 'province_key, day');
  await h.runner.rebuild('recommendations');
  t.equal(await h.digest('recommendations_groups', 'agency_key, unit_code'), live, 'a rebuild counts the same groups');
  t.equal(await h.digest('recommendations_days', 'province_key, day'), liveDays, 'and the same days');
});

t.test('attendance: the cadre-year figures give the answer counted from every visit', async (t) => {
  const ctx = await loadContext(db, 'attendance_context');
  const cadres = (await sql<{ cadre_id: string }>`SELECT DISTINCT cadre_id FROM attendance_visits ORDER BY cadre_id LIMIT 2`.execute(db)).rows.map((r) => r.cadre_id);
  const agency = [...ctx.agencies.keys()][0]!;
  const district = [...ctx.units.entries()].find(([, u]) => u.status === 'established' && u.level === 'district')![0];
  const scopes: DashboardScope[] = [
    { kind: 'all' }, { kind: 'province', provinceCode: PROVINCE }, { kind: 'unit', unitCode: district }, { kind: 'agency', agencyId: agency },
    { kind: 'cadre', cadreId: cadres[0]! }, { kind: 'nothing' },
  ];
  let compared = 0;
  let rows = 0;
  // Mid-year (days so far), the last day of a year, before a year began, and years after.
  for (const today of ['2026-06-30', '2025-12-31', '2025-03-15']) {
    for (const year of [2024, 2025, 2026]) {
      for (const scope of scopes) {
        for (const filter of [{}, { provinceCode: PROVINCE }, { agencyId: agency }, { cadreId: cadres[1]! }]) {
          for (const [limit, offset] of [[500, 0], [7, 5]] as const) {
            const q: AttendanceQuery = { year, today, scope, limit, offset, ...filter };
            const expected = await attendanceFromVisits(db, q);
            t.same(await queryAttendance(db, q), expected, `${year} at ${today} ${JSON.stringify(scope)} ${JSON.stringify(filter)} ${limit}/${offset}`);
            compared += 1;
            rows += expected.rows.length;
          }
        }
      }
    }
  }
  t.ok(rows > 1000, `${compared} answers compared, ${rows} rows`);
  const statuses = new Set((await queryAttendance(db, { year: 2026, today: '2026-06-30', scope: { kind: 'all' }, limit: 500, offset: 0 })).rows.map((r) => r.status));
  t.ok(statuses.size >= 2, `statuses seen mid-year: ${[...statuses].join(', ')}`);

  const live = await h.digest('attendance_cadre_years', 'year, cadre_id');
  await h.runner.rebuild('attendance');
  t.equal(await h.digest('attendance_cadre_years', 'year, cadre_id'), live, 'a rebuild counts the same cadre-years');
});

t.test('reports: the answer from the visits that ended in the year equals the one from every visit overlapping it', async (t) => {
  const ctx = await loadContext(db, 'reports_context');
  const cadre = (await sql<{ cadre_id: string }>`SELECT cadre_id FROM reports_visits LIMIT 1`.execute(db)).rows[0]!.cadre_id;
  const agency = [...ctx.agencies.keys()][0]!;
  const district = [...ctx.units.entries()].find(([, u]) => u.status === 'established' && u.level === 'district')![0];
  const scopes: DashboardScope[] = [
    { kind: 'all' }, { kind: 'province', provinceCode: PROVINCE }, { kind: 'unit', unitCode: district }, { kind: 'agency', agencyId: agency },
    { kind: 'cadre', cadreId: cadre }, { kind: 'nothing' },
  ];
  let rows = 0;
  for (const today of ['2026-06-30', '2025-01-05']) {
    for (const year of [2024, 2025, 2026]) {
      for (const scope of scopes) {
        for (const filter of [{}, { provinceCode: PROVINCE }, { provinceCode: '15' }]) {
          for (const [limit, offset] of [[5000, 0], [7, 5]] as const) {
            const q: ReportsQuery = { year, today, scope, limit, offset, ...filter };
            const expected = await reportsFromVisits(db, q);
            t.same(await queryReports(db, q), expected, `${year} at ${today} ${JSON.stringify(scope)} ${JSON.stringify(filter)} ${limit}/${offset}`);
            rows += expected.rows.length;
          }
        }
      }
    }
  }
  t.ok(rows > 1000, `${rows} rows compared`);

  // The context moves after the visits: a backdated transfer (the cadre's agency on later visits'
  // last days), then a policy amendment (every due date from its effective day). The stored rows
  // must follow, live and after a rebuild.
  const transferred = (await sql<{ cadre_id: string }>`SELECT cadre_id FROM reports_visits WHERE end_date >= '2025-07-01' LIMIT 1`.execute(db)).rows[0]!.cadre_id;
  const cadreState = ctx.cadres.get(transferred);
  const from = cadreState?.status === 'registered' ? cadreState.postings.at(-1)!.value.agencyId : agency;
  const to = [...ctx.agencies.keys()].find((a) => a !== from)!;
  const policyId = [...ctx.policies.keys()][0]!;
  await h.given(
    { stream: `cadre-${transferred}`, event: { type: 'CadreTransferred', data: { cadreId: transferred, fromAgencyId: from, toAgencyId: to, position: 'Phó Giám đốc', level: 'province', effectiveDate: '2025-07-01', decisionRef: '99-QĐ/TU' } } },
    { stream: `policy-${policyId}`, event: { type: 'QuotaPolicyAmended', data: { policyId, amendmentRef: '100-QĐ/TU', effectiveFrom: '2025-01-01', changes: { reportDeadlineDays: 2 } } } },
  );
  await h.project();
  const changed = async (label: string) => {
    for (const scope of [{ kind: 'all' }, { kind: 'agency', agencyId: to }, { kind: 'province', provinceCode: PROVINCE }] as DashboardScope[]) {
      for (const year of [2025, 2026]) {
        const q: ReportsQuery = { year, today: '2026-06-30', scope, limit: 5000, offset: 0 };
        t.same(await queryReports(db, q), await reportsFromVisits(db, q), `${label}: ${year} ${JSON.stringify(scope)}`);
      }
    }
  };
  await changed('after the transfer and the amendment');
  const moved = await queryReports(db, { year: 2026, today: '2026-06-30', scope: { kind: 'agency', agencyId: to }, limit: 5000, offset: 0 });
  t.ok(moved.rows.some((r) => r.cadreId === transferred), 'the transferred cadre\'s later visits count for the new agency');
  const live = await h.digest('reports_due', 'visit_id');
  await h.runner.rebuild('reports');
  t.equal(await h.digest('reports_due', 'visit_id'), live, 'a rebuild derives the same rows');
  await changed('after the rebuild');
});

t.test('evaluations: the answer counted over the stored facets equals the one looked up in the context', async (t) => {
  const ctx = await loadContext(db, 'evaluations_context');
  const rated = (await sql<{ cadre_id: string; committee_unit_code: string }>`
    SELECT cadre_id, committee_unit_code FROM evaluations_cadres ORDER BY evaluation_id LIMIT 1`.execute(db)).rows[0]!;
  const agency = [...ctx.agencies.keys()][0]!;
  const districts = [...ctx.units.entries()].filter(([, u]) => u.status === 'established' && u.level === 'district').map(([code]) => code);
  const scopes: DashboardScope[] = [
    { kind: 'all' }, { kind: 'province', provinceCode: PROVINCE }, { kind: 'province', provinceCode: '15' }, { kind: 'unit', unitCode: districts[0]! },
    { kind: 'unit', unitCode: rated.committee_unit_code }, { kind: 'agency', agencyId: agency }, { kind: 'cadre', cadreId: rated.cadre_id }, { kind: 'nothing' },
  ];
  const compare = async (label: string) => {
    let rows = 0;
    for (const year of [undefined, 2024, 2025]) {
      for (const scope of scopes) {
        for (const filter of [{}, { provinceCode: PROVINCE }, { provinceCode: '15' }]) {
          for (const [limit, offset] of [[5000, 0], [7, 5]] as const) {
            const q: EvaluationsQuery = { scope, limit, offset, ...filter, ...(year === undefined ? {} : { year }) };
            const expected = await evaluationsFromContext(db, q);
            t.same(await queryEvaluations(db, q), expected, `${label}: ${year ?? 'every year'} ${JSON.stringify(scope)} ${JSON.stringify(filter)} ${limit}/${offset}`);
            rows += expected.cadres.rows.length + expected.units.rows.length;
          }
        }
      }
    }
    return rows;
  };
  const rows = await compare('as generated');
  t.ok(rows > 1000, `${rows} rows compared`);
  const all = await queryEvaluations(db, { scope: { kind: 'all' }, limit: 1, offset: 0 });
  t.ok(all.cadres.total >= 50 && all.units.total > 100, `${all.cadres.total} cadre and ${all.units.total} commune ratings`);

  // The context moves after the ratings: a backdated transfer of a rated cadre (its agency on 31
  // December), and a commune moved to another district from mid-2024 (the ancestors a district's
  // committee is scoped by).
  const cadreState = ctx.cadres.get(rated.cadre_id);
  const from = cadreState?.status === 'registered' ? cadreState.postings.at(-1)!.value.agencyId : agency;
  const to = [...ctx.agencies.keys()].find((a) => a !== from)!;
  const commune = rated.committee_unit_code;
  const before = ancestorsOf(ctx, commune, '2024-06-01')[1]!;
  const otherDistrict = districts.find((d) => d !== before)!;
  await h.given(
    { stream: `cadre-${rated.cadre_id}`, event: { type: 'CadreTransferred', data: { cadreId: rated.cadre_id, fromAgencyId: from, toAgencyId: to, position: 'Phó Giám đốc', level: 'province', effectiveDate: '2024-03-01', decisionRef: '98-QĐ/TU' } } },
    { stream: `unit-${commune}`, event: { type: 'UnitReparented', data: { code: commune, parentCode: otherDistrict, previousParentCode: before, effectiveDate: '2024-06-01' } } },
  );
  await h.project();
  await compare('after the transfer and the reparenting');
  const moved = await queryEvaluations(db, { year: 2024, scope: { kind: 'unit', unitCode: otherDistrict }, limit: 5000, offset: 0 });
  t.ok(moved.cadres.rows.some((r) => r.committeeUnitCode === commune), 'the moved commune\'s ratings count for its new district');
  const transferred = await queryEvaluations(db, { year: 2024, scope: { kind: 'agency', agencyId: to }, limit: 5000, offset: 0 });
  t.ok(transferred.cadres.rows.some((r) => r.cadreId === rated.cadre_id), 'the transferred cadre\'s rating counts for the new agency');

  const digests = async () => [await h.digest('evaluations_cadres', 'evaluation_id'), await h.digest('evaluations_units', 'committee_unit_code, unit_code, year'),
    await h.digest('evaluations_distribution', 'subject, year, committee_unit_code, province_code, agency_province_code')];
  const live = await digests();
  await h.runner.rebuild('evaluations');
  t.same(await digests(), live, 'a rebuild derives the same rows');
  await compare('after the rebuild');
});

t.test('summary: the SQL count over the visits\' first-day facets equals the definition', async (t) => {
  const ctx = await loadContext(db, 'attendance_context');
  const visit = (await sql<{ cadre_id: string; unit_code: string }>`SELECT cadre_id, unit_code FROM attendance_visits ORDER BY visit_id LIMIT 1`.execute(db)).rows[0]!;
  const agency = [...ctx.agencies.keys()][0]!;
  const district = [...ctx.units.entries()].find(([, u]) => u.status === 'established' && u.level === 'district')![0];
  const scopes: DashboardScope[] = [
    { kind: 'all' }, { kind: 'province', provinceCode: PROVINCE }, { kind: 'province', provinceCode: '15' }, { kind: 'unit', unitCode: district },
    { kind: 'unit', unitCode: visit.unit_code }, { kind: 'agency', agencyId: agency }, { kind: 'cadre', cadreId: visit.cadre_id }, { kind: 'nothing' },
  ];
  const periods = [['2024-01-01', '2024-12-31'], ['2025-01-01', '2026-06-30'], ['2025-06-15', '2025-07-15'], ['2026-02-01', '2026-02-01'], ['2024-12-31', '2025-01-01']] as const;
  let visits = 0;
  for (const today of ['2026-06-30', '2025-07-03']) {
    for (const [from, to] of periods) {
      for (const scope of scopes) {
        for (const filter of [{}, { provinceCode: PROVINCE }, { provinceCode: '15' }]) {
          const q: SummaryQuery = { from, to, today, scope, ...filter };
          const expected = await summaryFromVisits(db, q);
          t.same(await querySummary(db, q), expected, `${from}..${to} at ${today} ${JSON.stringify(scope)} ${JSON.stringify(filter)}`);
          visits += expected.visits;
        }
      }
    }
  }
  t.ok(visits > 1000, `${visits} visits counted`);
  const year = await querySummary(db, { from: '2024-01-01', to: '2024-12-31', today: '2026-06-30', scope: { kind: 'all' } });
  t.ok(year.partyCellMeetings > 0 && year.reportsOnTime > 0 && year.recommendationsAnswered > 0, `every figure occurs: ${JSON.stringify(year)}`);
  const compare = async (label: string) => {
    for (const [from, to] of periods) {
      for (const scope of [{ kind: 'all' }, { kind: 'province', provinceCode: PROVINCE }, { kind: 'cadre', cadreId: visit.cadre_id }] as DashboardScope[]) {
        const q: SummaryQuery = { from, to, today: '2026-06-30', scope };
        t.same(await querySummary(db, q), await summaryFromVisits(db, q), `${label}: ${from}..${to} ${JSON.stringify(scope)}`);
      }
    }
  };

  // Live changes move the day counts by deltas: a visit cancelled, one disputed, a report filed,
  // and a new three-day visit over the new year that overlaps one of the cadre's own.
  const [cancelled, disputed, unreported] = (await sql<{ visit_id: string; cadre_id: string; start_date: string; end_date: string; unit_code: string }>`
    SELECT visit_id, cadre_id, start_date::text AS start_date, end_date::text AS end_date, unit_code FROM attendance_visits
    WHERE status IN ('logged', 'confirmed') AND cadre_id = ${visit.cadre_id}::uuid ORDER BY start_date LIMIT 3`.execute(db)).rows;
  const stream = (v: { cadre_id: string; start_date: string }) => `fieldwork-${v.cadre_id}-${v.start_date.slice(0, 4)}`;
  const extra = '00000000-0000-4000-8000-0000000000aa';
  // and an answered recommendation reopened and answered again on another day.
  const answered = (await sql<{ recommendation_id: string; agency_id: string; answered_on: string }>`
    SELECT recommendation_id, agency_id, answered_on::text AS answered_on FROM recommendations_items
    WHERE status = 'answered' AND answered_on < '2025-06-01' ORDER BY recommendation_id LIMIT 1`.execute(db)).rows[0]!;
  await h.given(
    { stream: `recommendation-${answered.recommendation_id}`, occurredAt: '2025-06-10', event: { type: 'RecommendationReopened', data: { recommendationId: answered.recommendation_id, reason: 'Chưa thỏa đáng' } } },
    { stream: `recommendation-${answered.recommendation_id}`, occurredAt: '2025-06-20', event: { type: 'RecommendationAnswered', data: { recommendationId: answered.recommendation_id, agencyId: answered.agency_id, answer: 'Đã xử lý lại' } } },
  );
  await h.given(
    { stream: stream(cancelled!), event: { type: 'VisitCancelled', data: { visitId: cancelled!.visit_id, reason: 'Ghi nhầm' } } },
    { stream: stream(disputed!), event: { type: 'VisitDisputed', data: { visitId: disputed!.visit_id, byUnitCode: disputed!.unit_code, reason: 'Không có mặt' } } },
    { stream: `fieldwork-${visit.cadre_id}-extra`, event: { type: 'VisitLogged', data: {
      visitId: extra, cadreId: visit.cadre_id, unitCode: unreported!.unit_code, startDate: '2024-12-31', endDate: '2025-01-02',
      purposes: ['Nắm tình hình'], activities: [{ kind: 'party-cell-meeting', date: '2025-01-01' }, { kind: 'party-cell-meeting', date: '2024-12-31' }],
    } } },
    { stream: `fieldwork-${visit.cadre_id}-extra`, event: { type: 'ReportFiled', data: {
      reportId: '00000000-0000-4000-8000-0000000000ab', visitId: extra, cadreId: visit.cadre_id, summary: 'Báo cáo', findings: [], recommendations: [],
    } } },
  );
  await h.project();
  await compare('after the live changes');
  for (const scope of [{ kind: 'all' }, { kind: 'province', provinceCode: PROVINCE }] as DashboardScope[]) {
    for (const year of [2024, 2025]) {
      const q: ReportsQuery = { year, today: '2026-06-30', scope, limit: 5000, offset: 0 };
      t.same(await queryReports(db, q), await reportsFromVisits(db, q), `reports after the live changes: ${year} ${JSON.stringify(scope)}`);
    }
  }
  const newYear = await querySummary(db, { from: '2024-12-31', to: '2025-01-01', today: '2026-06-30', scope: { kind: 'cadre', cadreId: visit.cadre_id } });
  t.ok(newYear.partyCellMeetings >= 2, 'the new visit\'s meetings on both sides of the new year count');

  const moved = await querySummary(db, { from: '2025-06-20', to: '2025-06-20', today: '2026-06-30', scope: { kind: 'all' } });
  t.ok(moved.recommendationsAnswered >= 1, 'the second answer counts on its own day');
  const tables = [['reports_summary_days', 'province_key, day'], ['reports_summary_due', 'province_key, end_date, due_date'], ['reports_summary_cadres', 'province_key, cadre_id'],
    ['reports_rates', 'year, by_agency, key, province_code, agency_province_code']] as const;
  const digests = async () => Promise.all(tables.map(([table, key]) => h.digest(table, key)));
  const live = await digests();
  const liveRecommendations = await h.digest('recommendations_days', 'province_key, day');
  await h.runner.rebuild('reports');
  await h.runner.rebuild('recommendations');
  t.same(await digests(), live, 'counted afresh, the day counts equal the ones moved by deltas');
  t.equal(await h.digest('recommendations_days', 'province_key, day'), liveRecommendations, 'and so do the recommendations\' days');
  await compare('after the rebuild');
});
