import { sql } from 'kysely';
import type { IsoDate } from '#events/common.js';
import { periodOf } from '#src/domain/board/queries.js';
import { periodsOverlap, yearPeriod } from '#src/domain/time.js';
import type { Executor } from '#src/projections/Projection.js';
import { factsFromVisits, loadActivities, loadCadreYears, loadCadreYearsAt, type CadreYearFacts } from './cadreYears.js';
import { agencyUnitOf, assignmentsOf, districtOf, loadContext, memoIn, memoOn, newMemo, postingOf, provinceOf, type Context } from './contextQueries.js';
import { attendanceStatus, quotaFor, type AttendanceStatus, type Quota } from './quota.js';
import { inScope, type DashboardScope } from './scope.js';
import { visitsBetween, type VisitRow } from './visits.js';
import { sortCollated } from '../collate.js';

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

/** The date a year's postings and unit tree are read on: today, kept within the year. */
export function referenceDate(year: number, today: IsoDate): IsoDate {
  const { start, end } = yearPeriod(year);
  return today < start ? start : end !== null && today > end ? end : today;
}

/** What a cadre's row takes from the context for a year, the same for every query on that context and day. */
interface CadreYearContext {
  agencyId: string | null;
  provinceCode: string | null;
  districtCode: string | null;
  quota: Quota | null;
  quotaRow: AttendanceRow['quota'];
  /** The units followed in the year and the agency's unit: scope facets besides the visited units. */
  units: readonly string[];
}

function cadreYearContext(ctx: Context, cadreId: string, year: number, ref: IsoDate): CadreYearContext {
  // Two short keys, the first the same for the whole answer: asked for each of thousands of rows.
  return memoIn(memoOn(ctx, 'attendance-row', newMemo<CadreYearContext>), `${year}/${ref}`, cadreId, () => {
    const period = yearPeriod(year);
    const quota = quotaFor(ctx, cadreId, year);
    const agencyId = postingOf(ctx, cadreId, ref)?.agencyId ?? null;
    const agencyUnit = agencyId === null ? null : agencyUnitOf(ctx, agencyId);
    const followed = assignmentsOf(ctx, cadreId).filter((a) => periodsOverlap(periodOf(a), period)).map((a) => a.unitCode);
    const districtAnchor = followed[0] ?? agencyUnit;
    return {
      agencyId,
      provinceCode: agencyUnit === null ? null : provinceOf(ctx, agencyUnit, ref),
      districtCode: districtAnchor === null ? null : districtOf(ctx, districtAnchor, ref),
      quota,
      quotaRow: quota === null ? null : { policyId: quota.policyId, reference: quota.reference, kind: quota.rule.kind, required: quota.required, assignedDays: quota.assignedDays },
      units: [...new Set([...followed, ...(agencyUnit === null ? [] : [agencyUnit])])],
    };
  });
}

/** A row; its activities are filled in for the page only (see CadreYearFacts.activities). */
function rowFor(c: CadreYearContext, cadreId: string, facts: CadreYearFacts, year: number, status: AttendanceStatus): AttendanceRow {
  return {
      cadreId, agencyId: c.agencyId, year, days: facts.days,
      provinceCode: c.provinceCode,
      districtCode: c.districtCode,
      confirmedDays: facts.confirmedDays,
      visits: facts.visits,
      partyCellMeetings: facts.partyCellMeetings,
      activities: facts.activities ?? {},
      quota: c.quotaRow,
      status,
  };
}

/** Adds a cadre's figures to its group (by agency, district or province). */
function addTo(groups: Map<string | null, Rollup>, key: string | null, facts: CadreYearFacts, c: CadreYearContext, status: AttendanceStatus): void {
  let g = groups.get(key);
  if (g === undefined) {
    g = { key, cadres: 0, days: 0, visits: 0, partyCellMeetings: 0, required: 0, met: 0, onTrack: 0, behind: 0, noQuota: 0 };
    groups.set(key, g);
  }
  g.cadres += 1;
  g.days += facts.days;
  g.visits += facts.visits;
  g.partyCellMeetings += facts.partyCellMeetings;
  g.required += c.quota?.required ?? 0;
  if (status === 'met') g.met += 1;
  else if (status === 'on-track') g.onTrack += 1;
  else if (status === 'behind') g.behind += 1;
  else g.noQuota += 1;
}

const sortedGroups = (groups: Map<string | null, Rollup>): Rollup[] => sortCollated([...groups.values()], (g) => g.key ?? '');

/** Cadres assigned (to a unit, on any board) at some time in the year. */
function assignedIn(ctx: Context, year: number): readonly string[] {
  return memoOn(ctx, `assigned-in/${year}`, () => {
    const period = yearPeriod(year);
    const cadres = new Set<string>();
    for (const board of ctx.boards.values()) {
      for (const a of board.assignments.values()) {
        if (a.assignee.kind === 'cadre' && periodsOverlap(periodOf(a), period)) cadres.add(a.assignee.cadreId);
      }
    }
    return [...cadres];
  });
}

interface Candidate {
  cadreId: string;
  c: CadreYearContext;
}

/**
 * The cadres assigned in the year with their context, in the dashboard's order (agency, then
 * cadre): the same for every answer on this context, year and day, so sorted once.
 */
function assignedInOrder(ctx: Context, year: number, ref: IsoDate): { ordered: readonly Candidate[]; ids: ReadonlySet<string> } {
  return memoIn(memoOn(ctx, 'attendance-order', newMemo<{ ordered: readonly Candidate[]; ids: ReadonlySet<string> }>), String(year), ref, () => {
    const ids = assignedIn(ctx, year);
    const ordered = ids.map((cadreId) => ({ cadreId, c: cadreYearContext(ctx, cadreId, year, ref) }));
    return { ordered: sortCollated(ordered, (x) => x.c.agencyId ?? '', (x) => x.cadreId), ids: new Set(ids) };
  });
}

/** Shared by every row without visits, in every answer: frozen, so nothing can change it for the others. */
const NO_VISITS: CadreYearFacts = Object.freeze({ days: 0, daysSoFar: 0, confirmedDays: 0, visits: 0, partyCellMeetings: 0, activities: Object.freeze({}), units: Object.freeze([]) as unknown as string[] });

/**
 * Every cadre with a visit or an assignment in the year, filtered, scoped, rolled up, then paged.
 * The visit figures come from the cadre-year facts (cadreYears.ts); the quota, agency, place and
 * scope from the context on the day asked. A cadre's own dashboard counts from its visits.
 */
export async function queryAttendance(db: Executor, q: AttendanceQuery): Promise<AttendanceAnswer> {
  const ctx = await loadContext(db, 'attendance_context');
  if (q.scope.kind !== 'cadre') {
    // One snapshot for the figures and the page's activities: a batch committing between the two
    // reads must not give a page whose activities disagree with its party-cell meetings.
    // In a snapshot of its own, the facts may come from memory (loadCadreYearsAt); in a caller's
    // transaction, whose isolation it does not know, they are read.
    const read = async (trx: Executor) => {
      const withUnits = q.scope.kind !== 'all';
      const facts = trx === db ? await loadCadreYears(trx, q.year, q.today, withUnits) : await loadCadreYearsAt(db, trx, q.year, q.today, withUnits);
      const page = answer(ctx, facts, q);
      const activities = await loadActivities(trx, q.year, page.rows.filter((r) => facts.has(r.cadreId)).map((r) => r.cadreId));
      for (const row of page.rows) row.activities = activities.get(row.cadreId) ?? row.activities;
      return page;
    };
    return db.isTransaction ? read(db) : db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
      // The view is locked before the snapshot is taken (a LOCK takes none): a promotion switching
      // it to a new build (drop and create, in one transaction) either commits first, and the
      // snapshot sees its rows and stamp, or waits for this read. Without the lock, a view created
      // after the snapshot would be read through it: the new build's table, empty as of then.
      await sql`LOCK TABLE attendance_cadre_years IN ACCESS SHARE MODE`.execute(trx);
      return read(trx);
    });
  }
  const period = yearPeriod(q.year);
  const visits = await visitsBetween(db, 'attendance_visits', period.start, period.end ?? period.start, [q.scope.cadreId]);
  return answer(ctx, new Map(visits.length === 0 ? [] : [[q.scope.cadreId, factsFromVisits(visits, q.year, q.today)]]), q);
}

/**
 * The definition the cadre-year facts are held to: every visit of the year read and counted with
 * the domain's rules (tests compare the two answers).
 */
export async function attendanceFromVisits(db: Executor, q: AttendanceQuery): Promise<AttendanceAnswer> {
  const ctx = await loadContext(db, 'attendance_context');
  const period = yearPeriod(q.year);
  const byCadre = new Map<string, VisitRow[]>();
  for (const v of await visitsBetween(db, 'attendance_visits', period.start, period.end ?? period.start)) {
    const list = byCadre.get(v.cadreId);
    if (list === undefined) byCadre.set(v.cadreId, [v]);
    else list.push(v);
  }
  return answer(ctx, new Map([...byCadre].map(([cadreId, visits]) => [cadreId, factsFromVisits(visits, q.year, q.today)])), q);
}

function answer(ctx: Context, visits: ReadonlyMap<string, CadreYearFacts>, q: AttendanceQuery): AttendanceAnswer {
  const ref = referenceDate(q.year, q.today);
  const assigned = assignedInOrder(ctx, q.year, ref);
  // A cadre with visits but no assignment in the year (rare) takes its place in the same order.
  const unassigned = [...visits.keys()].filter((id) => !assigned.ids.has(id));
  const candidates = unassigned.length === 0 ? assigned.ordered : sortCollated(
    [...assigned.ordered, ...unassigned.map((cadreId) => ({ cadreId, c: cadreYearContext(ctx, cadreId, q.year, ref) }))],
    (x) => x.c.agencyId ?? '', (x) => x.cadreId);
  // One pass in order: scope and filters, the roll-ups, and rows built for the page only.
  const groups = { agencies: new Map<string | null, Rollup>(), districts: new Map<string | null, Rollup>(), provinces: new Map<string | null, Rollup>() };
  const rows: AttendanceRow[] = [];
  let total = 0;
  for (const { cadreId, c } of candidates) {
    const facts = visits.get(cadreId) ?? NO_VISITS;
    if (q.scope.kind !== 'all') {
      // An organizer of a province also sees cadres from elsewhere who followed or visited its communes.
      const units = [...new Set([...facts.units ?? [], ...c.units])];
      const provinceCodes = [c.provinceCode, ...units.map((u) => provinceOf(ctx, u, ref))];
      if (!inScope(q.scope, { cadreIds: [cadreId], agencyIds: [c.agencyId], unitCodes: units, provinceCodes }, ctx, ref)) continue;
    }
    if ((q.provinceCode !== undefined && c.provinceCode !== q.provinceCode) || (q.agencyId !== undefined && c.agencyId !== q.agencyId)
      || (q.cadreId !== undefined && cadreId !== q.cadreId)) continue;
    const status = attendanceStatus(facts.daysSoFar, c.quota, q.today);
    addTo(groups.agencies, c.agencyId, facts, c, status);
    addTo(groups.districts, c.districtCode, facts, c, status);
    addTo(groups.provinces, c.provinceCode, facts, c, status);
    if (total >= q.offset && rows.length < q.limit) rows.push(rowFor(c, cadreId, facts, q.year, status));
    total += 1;
  }
  return {
    year: q.year,
    today: q.today,
    total,
    rows,
    rollups: { agencies: sortedGroups(groups.agencies), districts: sortedGroups(groups.districts), provinces: sortedGroups(groups.provinces) },
  };
}
