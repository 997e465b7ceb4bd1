import type { IsoDate } from '#events/common.js';
import type { ReportFact, VisitPeriodFact } from '../facts.js';
import { toEpochDay, type Period } from '../time.js';
import type { FieldworkState, VisitStatus } from './state.js';

/** The visits another year's LogVisit must not overlap (fieldwork context `otherYearVisits`). */
export function visitPeriods(state: FieldworkState): VisitPeriodFact[] {
  return [...state.visits.values()]
    .filter((visit) => visit.status !== 'cancelled')
    .map(({ visitId, startDate, endDate }) => ({ visitId, startDate, endDate }));
}

/** The recommendation stream's context: the report that raised it, with the visited unit. */
export function reportFact(state: FieldworkState, reportId: string): ReportFact | null {
  const report = state.reports.get(reportId);
  const visit = report === undefined ? undefined : state.visits.get(report.visitId);
  if (report === undefined || visit === undefined) return null;
  const { visitId, cadreId, recommendations } = report;
  return { reportId, visitId, cadreId, unitCode: visit.unitCode, recommendations };
}

/**
 * Days spent at the grassroots within a period, counting each calendar day once, for visits in
 * the given statuses (inspection counts confirmed ones against a days-per-year quota).
 */
export function grassrootsDays(state: FieldworkState, period: Period, statuses: readonly VisitStatus[] = ['confirmed']): number {
  const days = new Set<number>();
  // Epoch day numbers: the dashboards count every day of tens of thousands of visits.
  const first = toEpochDay(period.start);
  const last = period.end === null ? Number.POSITIVE_INFINITY : toEpochDay(period.end);
  for (const visit of state.visits.values()) {
    if (!statuses.includes(visit.status)) continue;
    const to = Math.min(toEpochDay(visit.endDate), last);
    for (let day = Math.max(toEpochDay(visit.startDate), first); day <= to; day++) days.add(day);
  }
  return days.size;
}

/** Visits that ended and have no report: the inputs of a report-deadline check. */
export function visitsAwaitingReport(state: FieldworkState): Array<{ visitId: string; endDate: IsoDate }> {
  return [...state.visits.values()]
    .filter((visit) => visit.reportId === null && visit.status !== 'cancelled')
    .map(({ visitId, endDate }) => ({ visitId, endDate }));
}
