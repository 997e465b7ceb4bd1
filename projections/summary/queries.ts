import type { IsoDate } from '#events/common.js';
import { grassrootsDays } from '#src/domain/fieldwork/queries.js';
import type { Executor } from '#src/projections/Projection.js';
import { loadContext, postingOf, provinceOf } from '../attendance/contextQueries.js';
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

/**
 * No tables of its own: it reads the attendance and recommendations read models, so its figures
 * cannot disagree with theirs. A visit counts when not cancelled or disputed and it has a day in
 * the period, at a unit of the province on its first day; days are distinct calendar days per
 * official within the period. Reports count for visits that ended in the period; a recommendation
 * when raised (answered) in the period.
 */
export async function querySummary(db: Executor, q: SummaryQuery): Promise<Summary> {
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
