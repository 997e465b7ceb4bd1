import { sql } from 'kysely';
import type { IsoDate } from '#events/common.js';
import { grassrootsDays } from '#src/domain/fieldwork/queries.js';
import type { Executor } from '#src/projections/Projection.js';
import { loadContext, postingOf, provinceOf, type Context } from '../attendance/contextQueries.js';
import { asFieldworkState, COUNTED_STATUSES } from '../attendance/cadreYears.js';
import { inScope, type DashboardScope } from '../attendance/scope.js';
import { visitsBetween, type VisitRow } from '../attendance/visits.js';
import { loadRecommendations } from '../recommendations/queries.js';
import { dueDateOf, stateOf } from '../reports/reportState.js';

export interface SummaryQuery {
  provinceCode?: string;
  from: IsoDate;
  to: IsoDate;
  scope: DashboardScope;
  today: IsoDate;
}

/** The figures provinces publish for a period (issue 5 §9), over visits to units in the province. */
export interface Summary {
  provinceCode: string | null;
  from: IsoDate;
  to: IsoDate;
  officials: number;
  visits: number;
  days: number;
  partyCellMeetings: number;
  reportsDue: number;
  reportsFiled: number;
  reportsOnTime: number;
  recommendationsRaised: number;
  recommendationsAnswered: number;
}

type Figures = Omit<Summary, 'provinceCode' | 'from' | 'to' | 'recommendationsRaised' | 'recommendationsAnswered'>;
type FigureRow = { officials: number; visits: number; days: number; party_cell_meetings: number; reports_due: number; reports_filed: number; reports_on_time: number };

const figuresOf = (f: FigureRow): Figures => ({
  officials: f.officials, visits: f.visits, days: f.days, partyCellMeetings: f.party_cell_meetings,
  reportsDue: f.reports_due, reportsFiled: f.reports_filed, reportsOnTime: f.reports_on_time,
});

/**
 * A province's (or the country's) figures are sums over the days of the period, pre-counted by
 * the reports read model (reports/summaryCounts.ts); a narrower scope (an official, an agency, a
 * unit) counts its visits in `reports_due`, which keeps per visit its province, agency and
 * ancestors on its first day. Recommendations are read from their read model. The definition this
 * is held to is summaryFromVisits.
 */
export async function querySummary(db: Executor, q: SummaryQuery): Promise<Summary> {
  const key = provinceKeyOf(q);
  const [figures, recommendations] = await Promise.all([
    key === undefined ? visitFigures(db, q) : dayFigures(db, q, key),
    key === undefined ? recommendationFigures(db, q) : recommendationDays(db, q, key),
  ]);
  return { provinceCode: q.provinceCode ?? null, from: q.from, to: q.to, ...figures, ...recommendations };
}

/** The key of the pre-counted figures that answer q: a province's code, '*' for every province; undefined when none does. */
function provinceKeyOf(q: SummaryQuery): string | undefined {
  if (q.scope.kind === 'all') return q.provinceCode ?? '*';
  if (q.scope.kind === 'province' && (q.provinceCode === undefined || q.provinceCode === q.scope.provinceCode)) return q.scope.provinceCode;
  return undefined;
}

/**
 * Sums over the days of the period: its visits are those started by its last day less those ended
 * before its first; days, the officials present each day added up; officials, those whose days
 * meet the period; reports, the visits ended in it by due date.
 */
async function dayFigures(db: Executor, q: SummaryQuery, key: string): Promise<Figures> {
  const f = (await sql<FigureRow>`
    SELECT d.visits, d.days, d.party_cell_meetings, c.officials, r.reports_due, r.reports_filed, r.reports_on_time
    FROM (SELECT (coalesce(sum(started), 0) - coalesce(sum(ended) FILTER (WHERE day < ${q.from}::date), 0))::int AS visits,
                 coalesce(sum(cadres) FILTER (WHERE day >= ${q.from}::date), 0)::int AS days,
                 coalesce(sum(party_cells) FILTER (WHERE day >= ${q.from}::date), 0)::int AS party_cell_meetings
          FROM reports_summary_days WHERE province_key = ${key} AND day <= ${q.to}::date) AS d,
         (SELECT count(*)::int AS officials FROM reports_summary_cadres
          WHERE province_key = ${key} AND days && daterange(${q.from}::date, ${q.to}::date, '[]')) AS c,
         (SELECT (coalesce(sum(filed), 0) + coalesce(sum(ended - filed) FILTER (WHERE due_date < ${q.today}::date), 0))::int AS reports_due,
                 coalesce(sum(filed), 0)::int AS reports_filed, coalesce(sum(on_time), 0)::int AS reports_on_time
          FROM reports_summary_due WHERE province_key = ${key} AND end_date BETWEEN ${q.from}::date AND ${q.to}::date) AS r`.execute(db)).rows[0]!;
  return figuresOf(f);
}

/** An official's, an agency's or a unit's figures, counted over its visits in reports_due. */
async function visitFigures(db: Executor, q: SummaryQuery): Promise<Figures> {
  const s = q.scope;
  const scope = s.kind === 'all' ? sql`true`
    : s.kind === 'nothing' ? sql`false`
    : s.kind === 'province' ? sql`start_province_code = ${s.provinceCode}`
    : s.kind === 'cadre' ? sql`cadre_id = ${s.cadreId}::uuid`
    : s.kind === 'agency' ? sql`start_agency_id = ${s.agencyId}::uuid`
    : sql`${s.unitCode}::text = ANY (start_ancestors)`;
  const f = (await sql<FigureRow>`
      WITH v AS MATERIALIZED (
        SELECT cadre_id, start_date, end_date, filed_on, due_date, party_cell_dates FROM reports_due
        WHERE status = ANY (${[...COUNTED_STATUSES]}::text[]) AND start_date <= ${q.to}::date AND end_date >= ${q.from}::date
          AND ${scope} ${q.provinceCode === undefined ? sql`` : sql`AND start_province_code = ${q.provinceCode}`})
      -- Days: per official, each visit's days in the period not already covered by the official's
      -- earlier-starting visits (those cover up to the latest end among them, without holes past
      -- this visit's start); officials: the first visit of each (no earlier one).
      , days AS (
        SELECT count(*) FILTER (WHERE covered IS NULL)::int AS officials,
               coalesce(sum(greatest(0, e - greatest(s, covered + 1) + 1)), 0)::int AS days
        FROM (SELECT s, e, max(e) OVER (PARTITION BY cadre_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered
              FROM (SELECT cadre_id, greatest(start_date, ${q.from}::date) AS s, least(end_date, ${q.to}::date) AS e FROM v) AS clipped) AS visits)
      SELECT (SELECT officials FROM days) AS officials,
             (SELECT count(*) FROM v)::int AS visits,
             (SELECT days FROM days) AS days,
             -- A visit's activities lie within its days (decideVisit: ACTIVITY_OUTSIDE_VISIT): only a
             -- visit across the period's bounds needs its dates looked at.
             (SELECT coalesce(sum(CASE WHEN start_date >= ${q.from}::date AND end_date <= ${q.to}::date THEN cardinality(party_cell_dates)
                                       ELSE (SELECT count(*) FROM unnest(party_cell_dates) AS p(day) WHERE p.day BETWEEN ${q.from}::date AND ${q.to}::date) END), 0)
              FROM v)::int AS party_cell_meetings,
             count(*) FILTER (WHERE filed_on IS NOT NULL OR due_date < ${q.today}::date)::int AS reports_due,
             count(filed_on)::int AS reports_filed,
             count(*) FILTER (WHERE filed_on <= due_date)::int AS reports_on_time
      FROM v WHERE end_date <= ${q.to}::date`.execute(db)).rows[0]!;
  return figuresOf(f);
}

/** A province's recommendations raised and answered in the period: sums over its days (recommendations/days.ts). */
async function recommendationDays(db: Executor, q: SummaryQuery, key: string): Promise<Pick<Summary, 'recommendationsRaised' | 'recommendationsAnswered'>> {
  const r = (await sql<{ raised: number; answered: number }>`
    SELECT coalesce(sum(raised), 0)::int AS raised, coalesce(sum(answered), 0)::int AS answered FROM recommendations_days
    WHERE province_key = ${key} AND day BETWEEN ${q.from}::date AND ${q.to}::date`.execute(db)).rows[0]!;
  return { recommendationsRaised: r.raised, recommendationsAnswered: r.answered };
}

/** Recommendations raised and answered in the period, placed on the day they were raised. */
async function recommendationFigures(db: Executor, q: SummaryQuery): Promise<Pick<Summary, 'recommendationsRaised' | 'recommendationsAnswered'>> {
  const ctx = await loadContext(db, 'recommendations_context');
  const within = (d: string | null): boolean => d !== null && d >= q.from && d <= q.to;
  const recommendations = (await loadRecommendations(db, { from: q.from, to: q.to })).filter((r) => visibleOn(ctx, q, r.cadreId, r.unitCode, r.raisedOn));
  return {
    recommendationsRaised: recommendations.filter((r) => within(r.raisedOn)).length,
    recommendationsAnswered: recommendations.filter((r) => within(r.answeredOn)).length,
  };
}

function visibleOn(ctx: Context, q: SummaryQuery, cadreId: string, unitCode: string, date: IsoDate): boolean {
  const provinceCode = provinceOf(ctx, unitCode, date);
  if (q.provinceCode !== undefined && provinceCode !== q.provinceCode) return false;
  if (q.scope.kind === 'all') return true;
  const facets = { cadreIds: [cadreId], agencyIds: [postingOf(ctx, cadreId, date)?.agencyId ?? null], unitCodes: [unitCode], provinceCodes: [provinceCode] };
  return inScope(q.scope, facets, ctx, date);
}

/**
 * The definition querySummary is held to, from the attendance read model's visits and context. A
 * visit counts when not cancelled or disputed and it has a day in the period, at a unit of the
 * province on its first day; days are distinct calendar days per official within the period.
 * Reports count for visits that ended in the period; a recommendation when raised (answered) in
 * the period.
 */
export async function summaryFromVisits(db: Executor, q: SummaryQuery): Promise<Summary> {
  const ctx = await loadContext(db, 'attendance_context');
  const period = { start: q.from, end: q.to };
  const visible = (cadreId: string, unitCode: string, date: IsoDate): boolean => {
    const provinceCode = provinceOf(ctx, unitCode, date);
    if (q.provinceCode !== undefined && provinceCode !== q.provinceCode) return false;
    if (q.scope.kind === 'all') return true;
    const facets = { cadreIds: [cadreId], agencyIds: [postingOf(ctx, cadreId, date)?.agencyId ?? null], unitCodes: [unitCode], provinceCodes: [provinceCode] };
    return inScope(q.scope, facets, ctx, date);
  };
  const visits = (await visitsBetween(db, 'attendance_visits', q.from, q.to))
    .filter((v) => (COUNTED_STATUSES as readonly string[]).includes(v.status) && visible(v.cadreId, v.unitCode, v.startDate));
  const byCadre = new Map<string, VisitRow[]>();
  for (const v of visits) {
    const list = byCadre.get(v.cadreId);
    if (list === undefined) byCadre.set(v.cadreId, [v]);
    else list.push(v);
  }
  const daysPerCadre = [...byCadre.values()].map((vs) => grassrootsDays(asFieldworkState(vs), period, COUNTED_STATUSES));
  const ended = visits.filter((v) => v.endDate <= q.to);
  const states = ended.map((v) => stateOf(v.filedOn, dueDateOf(ctx, v), q.today));
  // Only those raised or answered in the period count: the rest need not leave the database.
  const recommendations = (await loadRecommendations(db, { from: q.from, to: q.to })).filter((r) => visible(r.cadreId, r.unitCode, r.raisedOn));
  const within = (d: string | null): boolean => d !== null && d >= q.from && d <= q.to;
  let partyCellMeetings = 0;
  for (const v of visits) for (const a of v.activities) if (a.kind === 'party-cell-meeting' && within(a.date)) partyCellMeetings += 1;
  return {
    provinceCode: q.provinceCode ?? null,
    from: q.from,
    to: q.to,
    officials: daysPerCadre.filter((n) => n > 0).length,
    visits: visits.length,
    days: daysPerCadre.reduce((n, d) => n + d, 0),
    partyCellMeetings,
    reportsDue: states.filter((s) => s !== 'pending').length,
    reportsFiled: ended.filter((v) => v.filedOn !== null).length,
    reportsOnTime: states.filter((s) => s === 'on-time').length,
    recommendationsRaised: recommendations.filter((r) => within(r.raisedOn)).length,
    recommendationsAnswered: recommendations.filter((r) => within(r.answeredOn)).length,
  };
}
