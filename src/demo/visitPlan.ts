import type { IsoDate } from '#events/common.js';
import { addDays, toEpochDay } from '../domain/time.js';
import type { DemoAssignment, DemoCadre, DemoWorld } from './DemoWorld.js';
import { newProvinceOf } from './geography.js';

export interface VisitSpec {
  readonly cadre: DemoCadre;
  readonly unitCode: string;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly kind: 'follow' | 'cell-meetings';
  /** Questionable on purpose: a commune the cadre did not follow that day (the domain allows it). */
  readonly outside: boolean;
}

const FIRST_YEAR = 2022;
const REFORM = '2025-07-01';

/**
 * The trips, before any is recorded: for every assignment and year, a few trips of one to three
 * days inside the assignment, never two on one day for a cadre (the domain refuses overlaps). The
 * demo cadre goes often enough to meet 36 days a year.
 */
export function planVisits(world: DemoWorld, demoCadreId: string): VisitSpec[] {
  const busy = new Map<string, Set<number>>();
  const visits: VisitSpec[] = [];
  const lastDay = addDays(world.today, -1);
  for (const assignment of world.assignments) {
    const cadre = world.cadres.find((c) => c.cadreId === assignment.cadreId);
    if (cadre === undefined) continue;
    const days = busy.get(cadre.cadreId) ?? new Set<number>();
    busy.set(cadre.cadreId, days);
    for (let year = FIRST_YEAR; year <= Number(world.today.slice(0, 4)); year++) {
      const from = max(assignment.start, `${year}-01-01`);
      const until = min(assignment.end ?? lastDay, `${year}-12-31`, lastDay);
      if (from > until) continue;
      const share = (toEpochDay(until) - toEpochDay(from) + 1) / 365;
      const [low, high] = world.scale.visitsPerYear;
      // Earlier years are thinner (the record was taken up gradually); the demo cadre always goes often.
      const perYear = cadre.cadreId === demoCadreId ? 16 : assignment.kind === 'cell-meetings' ? 2 : year < 2024 ? low : world.random.int(low, high);
      const count = Math.max(share > 0.2 ? 1 : 0, Math.round(perYear * share));
      for (let i = 0; i < count; i++) {
        const visit = placeVisit(world, assignment, cadre, days, from, until);
        if (visit !== null) visits.push(visit);
      }
    }
  }
  return visits.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
}

function placeVisit(world: DemoWorld, assignment: DemoAssignment, cadre: DemoCadre, days: Set<number>, from: IsoDate, until: IsoDate): VisitSpec | null {
  const span = toEpochDay(until) - toEpochDay(from);
  for (let attempt = 0; attempt < 8; attempt++) {
    const length = assignment.kind === 'cell-meetings' ? 1 : world.random.pick([1, 2, 2, 3]);
    const startDate = addDays(from, world.random.int(0, Math.max(0, span - length + 1)));
    const endDate = addDays(startDate, length - 1);
    if (endDate > until) continue;
    const epochs = Array.from({ length }, (_, i) => toEpochDay(startDate) + i);
    if (epochs.some((day) => days.has(day))) continue;
    epochs.forEach((day) => days.add(day));
    const outsideUnit = assignment.kind === 'follow' && world.random.chance(0.03) ? otherCommune(world, cadre, assignment.unitCode, startDate) : null;
    return { cadre, unitCode: outsideUnit ?? assignment.unitCode, startDate, endDate, kind: assignment.kind, outside: outsideUnit !== null };
  }
  return null;
}

/** A commune of the cadre's province on that date that this cadre was not assigned to. */
function otherCommune(world: DemoWorld, cadre: DemoCadre, followed: string, date: IsoDate): string | null {
  const communes = date < REFORM ? world.oldCommunes.get(cadre.provinceCode) : world.newCommunes.get(newProvinceOf(cadre.provinceCode));
  const assigned = new Set(world.assignments.filter((a) => a.cadreId === cadre.cadreId && a.start <= date && (a.end === null || a.end >= date)).map((a) => a.unitCode));
  const candidates = (communes ?? []).filter((code) => code !== followed && !assigned.has(code));
  return candidates.length === 0 ? null : world.random.pick(candidates);
}

const max = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const min = (...dates: IsoDate[]): IsoDate => dates.reduce((a, b) => (a < b ? a : b));
