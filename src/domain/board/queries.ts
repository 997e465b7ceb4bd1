import type { IsoDate } from '#events/common.js';
import type { AssignmentPeriodFact } from '../facts.js';
import { addDays, periodContains, periodsOverlap, yearPeriod, type Period } from '../time.js';
import type { Assignment, BoardState } from './state.js';

/** Read helpers for read models, inspection and the contexts of other streams' rules. */

/** The days an assignment is in effect: from its start to its decided last day or the day before it ended. */
export function periodOf(assignment: Assignment): Period {
  const endedLastDay = assignment.ended === null ? null : addDays(assignment.ended.effectiveDate, -1);
  const candidates = [assignment.effectiveUntil, endedLastDay].filter((day): day is IsoDate => day !== null);
  return { start: assignment.effectiveFrom, end: candidates.length === 0 ? null : candidates.sort()[0] ?? null };
}

export function isInEffectOn(assignment: Assignment, date: IsoDate): boolean {
  return periodContains(periodOf(assignment), date);
}

export function cadreOf(assignment: Assignment): string | null {
  return assignment.assignee.kind === 'cadre' ? assignment.assignee.cadreId : null;
}

export function assignmentsActiveOn(board: BoardState, date: IsoDate): Assignment[] {
  return [...board.assignments.values()].filter((assignment) => isInEffectOn(assignment, date));
}

/** The cadres assigned to follow a unit on a date. */
export function followersOf(board: BoardState, unitCode: string, date: IsoDate): string[] {
  return assignmentsActiveOn(board, date)
    .filter((assignment) => assignment.kind === 'follow' && assignment.unitCode === unitCode)
    .flatMap((assignment) => cadreOf(assignment) ?? []);
}

/** The units a cadre is assigned to follow on a date. */
export function unitsFollowedBy(board: BoardState, cadreId: string, date: IsoDate): string[] {
  return assignmentsActiveOn(board, date)
    .filter((assignment) => assignment.kind === 'follow' && cadreOf(assignment) === cadreId)
    .map((assignment) => assignment.unitCode);
}

/** Every assignment of a cadre to a unit on this board, as the evaluation rule needs them. */
export function assignmentPeriodsOf(board: BoardState, cadreId: string, unitCode: string): AssignmentPeriodFact[] {
  return [...board.assignments.values()]
    .filter((assignment) => cadreOf(assignment) === cadreId && assignment.unitCode === unitCode)
    .map((assignment) => ({ assignmentId: assignment.assignmentId, committeeUnitCode: assignment.committeeUnitCode, kind: assignment.kind, ...periodOf(assignment) }));
}

/** Whether any of these periods is a follow assignment in effect on some day of `year`. */
export function followedDuring(periods: readonly AssignmentPeriodFact[], year: number): boolean {
  return periods.some((period) => period.kind === 'follow' && periodsOverlap(period, yearPeriod(year)));
}
