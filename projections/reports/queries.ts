import { sql, type RawBuilder } from 'kysely';
import type { IsoDate } from '#events/common.js';
import { yearPeriod } from '#src/domain/time.js';
import type { Executor } from '#src/projections/Projection.js';
import { agencyUnitOf, loadContext, memoIn, memoOn, newMemo, postingOf, provinceOf, type Context } from '../attendance/contextQueries.js';
import { inScope, type DashboardScope } from '../attendance/scope.js';
import { visitsBetween, type VisitRow } from '../attendance/visits.js';
import { dueDateOf, isDue, stateOf, type ReportState } from './reportState.js';
import { sortCollated } from '../collate.js';

export interface ReportsQuery {
  year: number;
  provinceCode?: string;
  scope: DashboardScope;
  today: IsoDate;
  limit: number;
  offset: number;
}

export interface ReportRow {
  visitId: string;
  cadreId: string;
  agencyId: string | null;
  unitCode: string;
  provinceCode: string | null;
  startDate: string;
  endDate: string;
  visitStatus: string;
  reportId: string | null;
  filedOn: string | null;
  dueDate: string | null;
  state: ReportState;
  amended: boolean;
  amendments: number;
}

export interface ReportRate {
  key: string | null;
  visits: number;
  /** Filed or overdue: the base of the rates. */
  due: number;
  filed: number;
  onTime: number;
  amended: number;
  filedRate: number | null;
  onTimeRate: number | null;
}

export interface ReportsAnswer {
  year: number;
  /** Visits in the answer (rows before paging). */
  total: number;
  rows: ReportRow[];
  /** Cadres with a rate (byCadre before paging). */
  cadres: number;
  /** A page (limit/offset, as the rows) of the cadres' rates, in key order. */
  byCadre: ReportRate[];
  /** Every agency's rate (a province has tens). */
  byAgency: ReportRate[];
}

export function rates(rows: readonly ReportRow[], keyOf: (row: ReportRow) => string | null): ReportRate[] {
  const groups = new Map<string | null, ReportRate>();
  for (const row of rows) {
    const key = keyOf(row);
    const g = groups.get(key) ?? { key, visits: 0, due: 0, filed: 0, onTime: 0, amended: 0, filedRate: null, onTimeRate: null };
    g.visits += 1;
    if (isDue(row.state)) g.due += 1;
    if (row.filedOn !== null) g.filed += 1;
    if (row.state === 'on-time') g.onTime += 1;
    if (row.amended) g.amended += 1;
    g.filedRate = g.due === 0 ? null : g.filed / g.due;
    g.onTimeRate = g.due === 0 ? null : g.onTime / g.due;
    groups.set(key, g);
  }
  return sortCollated([...groups.values()], (g) => g.key ?? '');
}

/**
 * Every visit that ended in the year and was not cancelled (its report's deadline runs from its
 * last day, so a visit across the new year belongs to the year it ended in), counted in SQL over
 * `reports_due` (each visit with its agency, provinces and due date on its last day, due.ts): the
 * rates per cadre and per agency in one pass (for the country or a province, summed from the
 * pre-counted rates instead), then the page of rows. A cadre's own dashboard is
 * answered from its visits and the context (reportsFromVisits), the definition this is held to.
 */
export async function queryReports(db: Executor, q: ReportsQuery): Promise<ReportsAnswer> {
  if (q.scope.kind === 'cadre') return reportsFromVisits(db, q);
  if (q.scope.kind === 'nothing') return { year: q.year, total: 0, rows: [], cadres: 0, byCadre: [], byAgency: [] };
  const precounted = q.scope.kind === 'all' || q.scope.kind === 'province';
  const scope = q.scope.kind === 'all' ? sql`true`
    : q.scope.kind === 'province' ? sql`(d.province_code = ${q.scope.provinceCode} OR d.agency_province_code = ${q.scope.provinceCode})`
    : q.scope.kind === 'unit' ? sql`${q.scope.unitCode}::text = ANY (d.ancestors)`
    : sql`d.agency_id = ${q.scope.agencyId}::uuid`;
  // The year of the last day, as the index (due.ts) has it: the page walks it in start order.
  const where = sql`extract(year FROM d.end_date)::int = ${q.year}::int AND d.status <> 'cancelled' AND ${scope}
    ${q.provinceCode === undefined ? sql`` : sql`AND d.province_code = ${q.provinceCode}`}`;
  const [groups, page] = await Promise.all([
    pagedRates(db, q, precounted ? rateRows(q) : sql`
      SELECT grouping(d.agency_id) = 1 AS by_cadre, coalesce(d.cadre_id::text, d.agency_id::text) AS key, count(*)::int AS visits,
             count(*) FILTER (WHERE d.filed_on IS NOT NULL OR d.due_date < ${q.today}::date)::int AS due,
             count(d.filed_on)::int AS filed,
             count(*) FILTER (WHERE d.filed_on <= d.due_date)::int AS on_time,
             count(*) FILTER (WHERE d.amendments > 0)::int AS amended
      FROM reports_due AS d WHERE ${where}
      GROUP BY GROUPING SETS ((d.cadre_id), (d.agency_id))`),
    sql<{ visitId: string; cadreId: string; agencyId: string | null; unitCode: string; provinceCode: string | null; startDate: string; endDate: string;
          visitStatus: string; reportId: string | null; filedOn: string | null; dueDate: string | null; amendments: number }>`
      SELECT d.visit_id AS "visitId", d.cadre_id AS "cadreId", d.agency_id AS "agencyId", d.unit_code AS "unitCode", d.province_code AS "provinceCode",
             d.start_date::text AS "startDate", d.end_date::text AS "endDate", d.status AS "visitStatus", d.report_id AS "reportId",
             d.filed_on::text AS "filedOn", d.due_date::text AS "dueDate", d.amendments
      FROM reports_due AS d WHERE ${where}
      ORDER BY d.start_date, d.visit_id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db),
  ]);
  return {
    year: q.year,
    total: groups.totalVisits,
    rows: page.rows.map((r) => ({ ...r, state: stateOf(r.filedOn, r.dueDate, q.today), amended: r.amendments > 0 })),
    cadres: groups.cadres,
    byCadre: groups.byCadre,
    byAgency: sortCollated(groups.byAgency, (r) => r.key ?? ''),
  };
}

/**
 * From rate groups (`by_cadre, key, visits, due, filed, on_time, amended`, one per cadre and one
 * per agency): every agency, the page of cadres and the totals, in one statement, so that only a
 * page of the 2,000 cadres of a province leaves the database (and the answer: 350 KB of rates per
 * request was most of its time). Cadre keys are uuids as PostgreSQL prints them, whose byte order
 * ("C") is the collator's (projections/collate.ts), the order the definition sorts in.
 */
async function pagedRates(db: Executor, q: ReportsQuery, groups: RawBuilder<unknown>) {
  const rows = await sql<{ part: 'agency' | 'cadre' | 'totals'; key: string | null; visits: number; due: number; filed: number; on_time: number; amended: number; cadres: number }>`
    WITH g AS MATERIALIZED (${groups})
    SELECT 'agency' AS part, key, visits, due, filed, on_time, amended, NULL::int AS cadres FROM g WHERE NOT by_cadre
    UNION ALL
    (SELECT 'cadre', key, visits, due, filed, on_time, amended, NULL FROM g WHERE by_cadre ORDER BY key COLLATE "C" LIMIT ${q.limit} OFFSET ${q.offset})
    UNION ALL
    SELECT 'totals', NULL, coalesce(sum(visits), 0)::int, 0, 0, 0, 0, count(*)::int FROM g WHERE by_cadre`.execute(db);
  const rate = (g: (typeof rows.rows)[number]): ReportRate => ({
    key: g.key, visits: g.visits, due: g.due, filed: g.filed, onTime: g.on_time, amended: g.amended,
    filedRate: g.due === 0 ? null : g.filed / g.due, onTimeRate: g.due === 0 ? null : g.on_time / g.due,
  });
  const totals = rows.rows.find((r) => r.part === 'totals')!;
  return {
    byAgency: rows.rows.filter((r) => r.part === 'agency').map(rate),
    // In key order whatever order UNION ALL hands the rows over in (the page is at most `limit`).
    byCadre: sortCollated(rows.rows.filter((r) => r.part === 'cadre').map(rate), (r) => r.key ?? ''),
    cadres: totals.cadres,
    totalVisits: totals.visits,
  };
}

/**
 * How many of a row's unfiled due dates (sorted) are before `today`. Most rows have all of them
 * before or none: the first and last dates say so without the subquery, which cost about half of
 * the rates query (measured on the bench's 2,016 rows of a year: 4.0 against 1.7 ms).
 */
function unfiledDueBefore(today: IsoDate) {
  return sql`CASE WHEN cardinality(unfiled_due_dates) = 0 OR unfiled_due_dates[1] >= ${today}::date THEN 0
    WHEN unfiled_due_dates[cardinality(unfiled_due_dates)] < ${today}::date THEN cardinality(unfiled_due_dates)
    ELSE (SELECT count(*) FROM unnest(unfiled_due_dates) AS u(day) WHERE u.day < ${today}::date) END`;
}

/**
 * The rates of the country or a province: sums over the rows pre-counted per cadre and agency
 * (rates.ts); a report not filed is due once its due date has passed.
 */
function rateRows(q: ReportsQuery) {
  const scope = q.scope.kind === 'province' ? sql`(province_code = ${q.scope.provinceCode} OR agency_province_code = ${q.scope.provinceCode})` : sql`true`;
  return sql`
    SELECT NOT by_agency AS by_cadre, nullif(key, '') AS key, sum(visits)::int AS visits,
           (sum(filed) + sum(${unfiledDueBefore(q.today)}))::int AS due,
           sum(filed)::int AS filed, sum(on_time)::int AS on_time, sum(amended)::int AS amended
    FROM reports_rates WHERE year = ${q.year} AND ${scope} ${q.provinceCode === undefined ? sql`` : sql`AND province_code = ${q.provinceCode}`}
    GROUP BY by_agency, key`;
}

/** The definition queryReports is held to: every visit overlapping the year read, then filtered. */
export async function reportsFromVisits(db: Executor, q: ReportsQuery): Promise<ReportsAnswer> {
  const ctx = await loadContext(db, 'reports_context');
  const { start, end } = yearPeriod(q.year);
  const visits = (await visitsBetween(db, 'reports_visits', start, end ?? start))
    .filter((v) => v.endDate >= start && v.endDate <= (end ?? start) && v.status !== 'cancelled');
  return answerFrom(ctx, visits, q);
}

interface VisitContext {
  agencyId: string | null;
  provinceCode: string | null;
  agencyProvinceCode: string | null;
  dueDate: IsoDate | null;
}

/** Per cadre, per `<last day>/<unit>`: nested so that a lookup hashes a short key, not a long one. */
function visitContext(ctx: Context, v: Omit<VisitRow, 'activities'>): VisitContext {
  return memoIn(memoOn(ctx, 'report-visits', newMemo<VisitContext>), v.cadreId, v.endDate + v.unitCode, () => computeVisitContext(ctx, v));
}

function computeVisitContext(ctx: Context, v: Omit<VisitRow, 'activities'>): VisitContext {
  const agencyId = postingOf(ctx, v.cadreId, v.endDate)?.agencyId ?? null;
  const agencyUnit = agencyId === null ? null : agencyUnitOf(ctx, agencyId);
  return {
    agencyId,
    provinceCode: provinceOf(ctx, v.unitCode, v.endDate),
    agencyProvinceCode: agencyUnit === null ? null : provinceOf(ctx, agencyUnit, v.endDate),
    dueDate: dueDateOf(ctx, v),
  };
}

function answerFrom(ctx: Context, visits: ReadonlyArray<Omit<VisitRow, 'activities'>>, q: ReportsQuery): ReportsAnswer {
  const rows = visits.flatMap((v): ReportRow[] => {
    const c = visitContext(ctx, v);
    if (q.provinceCode !== undefined && c.provinceCode !== q.provinceCode) return [];
    if (q.scope.kind !== 'all') {
      const facets = { cadreIds: [v.cadreId], agencyIds: [c.agencyId], unitCodes: [v.unitCode], provinceCodes: [c.provinceCode, c.agencyProvinceCode] };
      if (!inScope(q.scope, facets, ctx, v.endDate)) return [];
    }
    const state = stateOf(v.filedOn, c.dueDate, q.today);
    return [{
      visitId: v.visitId, cadreId: v.cadreId, agencyId: c.agencyId, unitCode: v.unitCode, provinceCode: c.provinceCode, startDate: v.startDate, endDate: v.endDate,
      visitStatus: v.status, reportId: v.reportId, filedOn: v.filedOn, dueDate: c.dueDate, state, amended: v.amendments > 0, amendments: v.amendments,
    }];
  });
  const byCadre = rates(rows, (r) => r.cadreId);
  return {
    year: q.year,
    total: rows.length,
    rows: rows.slice(q.offset, q.offset + q.limit),
    cadres: byCadre.length,
    byCadre: byCadre.slice(q.offset, q.offset + q.limit),
    byAgency: rates(rows, (r) => r.agencyId),
  };
}
