import type { IsoDate } from '#events/common.js';
import { yearPeriod } from '#src/domain/time.js';
import type { Executor } from '#src/projections/Projection.js';
import { agencyUnitOf, loadContext, postingOf, provinceOf } from '../attendance/contextQueries.js';
import { inScope, type DashboardScope } from '../attendance/scope.js';
import { visitsBetween } from '../attendance/visits.js';
import { isDue, reportStateOf, type ReportState } from './reportState.js';
import { collate } from '../collate.js';

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
  total: number;
  rows: ReportRow[];
  byCadre: ReportRate[];
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
  return [...groups.values()].sort((a, b) => collate(a.key ?? '', b.key ?? ''));
}

/**
 * Every visit that ended in the year and was not cancelled (its report's deadline runs from its
 * last day, so a visit across the new year belongs to the year it ended in).
 */
export async function queryReports(db: Executor, q: ReportsQuery): Promise<ReportsAnswer> {
  const ctx = await loadContext(db, 'reports_context');
  const { start, end } = yearPeriod(q.year);
  const visits = (await visitsBetween(db, 'reports_visits', start, end ?? start))
    .filter((v) => v.endDate >= start && v.endDate <= (end ?? start) && v.status !== 'cancelled');
  const rows = visits.flatMap((v): ReportRow[] => {
    const agencyId = postingOf(ctx, v.cadreId, v.endDate)?.agencyId ?? null;
    const agencyUnit = agencyId === null ? null : agencyUnitOf(ctx, agencyId);
    const provinceCode = provinceOf(ctx, v.unitCode, v.endDate);
    const facets = { cadreIds: [v.cadreId], agencyIds: [agencyId], unitCodes: [v.unitCode], provinceCodes: [provinceCode, agencyUnit === null ? null : provinceOf(ctx, agencyUnit, v.endDate)] };
    if (!inScope(q.scope, facets, ctx, v.endDate) || (q.provinceCode !== undefined && provinceCode !== q.provinceCode)) return [];
    const { dueDate, state } = reportStateOf(ctx, v, q.today);
    return [{
      visitId: v.visitId, cadreId: v.cadreId, agencyId, unitCode: v.unitCode, provinceCode, startDate: v.startDate, endDate: v.endDate,
      visitStatus: v.status, reportId: v.reportId, filedOn: v.filedOn, dueDate, state, amended: v.amendments > 0, amendments: v.amendments,
    }];
  });
  return {
    year: q.year,
    total: rows.length,
    rows: rows.slice(q.offset, q.offset + q.limit),
    byCadre: rates(rows, (r) => r.cadreId),
    byAgency: rates(rows, (r) => r.agencyId),
  };
}
