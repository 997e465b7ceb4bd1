import type { IsoDate } from '#events/common.js';
import { periodOf } from '#src/domain/board/queries.js';
import { grassrootsDays } from '#src/domain/fieldwork/queries.js';
import type { FieldworkState, Visit } from '#src/domain/fieldwork/state.js';
import { periodsOverlap, yearPeriod } from '#src/domain/time.js';
import type { Executor } from '#src/projections/Projection.js';
import { agencyUnitOf, assignmentsOf, districtOf, loadContext, postingOf, provinceOf, type Context } from './contextQueries.js';
import { attendanceStatus, quotaFor, type AttendanceStatus } from './quota.js';
import { inScope, type DashboardScope } from './scope.js';
import { visitsBetween, type VisitRow } from './visits.js';

/** "Confirmed or unconfirmed, not cancelled" (issue 5): a disputed visit does not count until resolved. */
export const COUNTED_STATUSES = ['logged', 'confirmed'] as const;

export interface AttendanceQuery {
  year: number;
  provinceCode?: string;
  agencyId?: string;
  cadreId?: string;
  scope: DashboardScope;
  today: IsoDate;
  limit: number;
  offset: number;
}

export interface AttendanceRow {
  cadreId: string;
  agencyId: string | null;
  provinceCode: string | null;
  districtCode: string | null;
  year: number;
  days: number;
  confirmedDays: number;
  visits: number;
  partyCellMeetings: number;
  activities: Record<string, number>;
  quota: { policyId: string; reference: string; kind: string; required: number; assignedDays: number } | null;
  status: AttendanceStatus;
}

export interface Rollup {
  key: string | null;
  cadres: number;
  days: number;
  visits: number;
  partyCellMeetings: number;
  required: number;
  met: number;
  onTrack: number;
  behind: number;
  noQuota: number;
}

export interface AttendanceAnswer {
  year: number;
  today: IsoDate;
  total: number;
  rows: AttendanceRow[];
  rollups: { agencies: Rollup[]; districts: Rollup[]; provinces: Rollup[] };
}

export function asFieldworkState(rows: readonly VisitRow[]): FieldworkState {
  const visits = new Map<string, Visit>(rows.map((r) => [r.visitId, {
    visitId: r.visitId, cadreId: r.cadreId, unitCode: r.unitCode, startDate: r.startDate, endDate: r.endDate,
    planId: null, status: r.status, disputeReason: null, reportId: r.reportId,
  }]));
  return { visits, reports: new Map() };
}

/** The date a year's postings and unit tree are read on: today, kept within the year. */
export function referenceDate(year: number, today: IsoDate): IsoDate {
  const { start, end } = yearPeriod(year);
  return today < start ? start : end !== null && today > end ? end : today;
}

function rowFor(ctx: Context, cadreId: string, visits: readonly VisitRow[], year: number, today: IsoDate): { row: AttendanceRow; units: string[] } {
  const period = yearPeriod(year);
  const state = asFieldworkState(visits);
  const counted = visits.filter((v) => (COUNTED_STATUSES as readonly string[]).includes(v.status));
  const activities: Record<string, number> = {};
  for (const a of counted.flatMap((v) => v.activities)) {
    if (a.date >= period.start && a.date <= (period.end ?? a.date)) activities[a.kind] = (activities[a.kind] ?? 0) + 1;
  }
  const days = grassrootsDays(state, period, COUNTED_STATUSES);
  const quota = quotaFor(ctx, cadreId, year);
  const ref = referenceDate(year, today);
  const agencyId = postingOf(ctx, cadreId, ref)?.agencyId ?? null;
  const agencyUnit = agencyId === null ? null : agencyUnitOf(ctx, agencyId);
  const followed = assignmentsOf(ctx, cadreId).filter((a) => periodsOverlap(periodOf(a), period)).map((a) => a.unitCode);
  const districtAnchor = followed[0] ?? agencyUnit;
  return {
    row: {
      cadreId, agencyId, year, days,
      provinceCode: agencyUnit === null ? null : provinceOf(ctx, agencyUnit, ref),
      districtCode: districtAnchor === null ? null : districtOf(ctx, districtAnchor, ref),
      confirmedDays: grassrootsDays(state, period, ['confirmed']),
      visits: counted.length,
      partyCellMeetings: activities['party-cell-meeting'] ?? 0,
      activities,
      quota: quota === null ? null : { policyId: quota.policyId, reference: quota.reference, kind: quota.rule.kind, required: quota.required, assignedDays: quota.assignedDays },
      // Only days up to today: a trip planned ahead does not count yet.
      status: attendanceStatus(grassrootsDays(state, { start: period.start, end: today < (period.end ?? today) ? today : period.end }, COUNTED_STATUSES), quota, today),
    },
    units: [...new Set([...counted.map((v) => v.unitCode), ...followed, ...(agencyUnit === null ? [] : [agencyUnit])])],
  };
}

export function rollup(rows: readonly AttendanceRow[], keyOf: (row: AttendanceRow) => string | null): Rollup[] {
  const groups = new Map<string | null, Rollup>();
  for (const row of rows) {
    const key = keyOf(row);
    const g = groups.get(key) ?? { key, cadres: 0, days: 0, visits: 0, partyCellMeetings: 0, required: 0, met: 0, onTrack: 0, behind: 0, noQuota: 0 };
    g.cadres += 1;
    g.days += row.days;
    g.visits += row.visits;
    g.partyCellMeetings += row.partyCellMeetings;
    g.required += row.quota?.required ?? 0;
    if (row.status === 'met') g.met += 1;
    else if (row.status === 'on-track') g.onTrack += 1;
    else if (row.status === 'behind') g.behind += 1;
    else g.noQuota += 1;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
}

/** Every cadre with a visit or an assignment in the year, filtered, scoped, rolled up, then paged. */
export async function queryAttendance(db: Executor, q: AttendanceQuery): Promise<AttendanceAnswer> {
  const ctx = await loadContext(db, 'attendance_context');
  const period = yearPeriod(q.year);
  const visits = await visitsBetween(db, 'attendance_visits', period.start, period.end ?? period.start);
  const byCadre = new Map<string, VisitRow[]>();
  for (const v of visits) byCadre.set(v.cadreId, [...(byCadre.get(v.cadreId) ?? []), v]);
  for (const board of ctx.boards.values()) {
    for (const a of board.assignments.values()) {
      if (a.assignee.kind === 'cadre' && periodsOverlap(periodOf(a), period) && !byCadre.has(a.assignee.cadreId)) byCadre.set(a.assignee.cadreId, []);
    }
  }
  const ref = referenceDate(q.year, q.today);
  const rows = [...byCadre.entries()]
    .map(([cadreId, vs]) => rowFor(ctx, cadreId, vs, q.year, q.today))
    // An organizer of a province also sees cadres from elsewhere who followed or visited its communes.
    .filter(({ row, units }) => inScope(q.scope, {
      cadreIds: [row.cadreId], agencyIds: [row.agencyId], unitCodes: units, provinceCodes: [row.provinceCode, ...units.map((u) => provinceOf(ctx, u, ref))],
    }, ctx, ref))
    .map(({ row }) => row)
    .filter((r) => (q.provinceCode === undefined || r.provinceCode === q.provinceCode)
      && (q.agencyId === undefined || r.agencyId === q.agencyId)
      && (q.cadreId === undefined || r.cadreId === q.cadreId))
    .sort((a, b) => (a.agencyId ?? '').localeCompare(b.agencyId ?? '') || a.cadreId.localeCompare(b.cadreId));
  return {
    year: q.year,
    today: q.today,
    total: rows.length,
    rows: rows.slice(q.offset, q.offset + q.limit),
    rollups: { agencies: rollup(rows, (r) => r.agencyId), districts: rollup(rows, (r) => r.districtCode), provinces: rollup(rows, (r) => r.provinceCode) },
  };
}
