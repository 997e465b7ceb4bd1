import type { AssignmentEnded } from '#events/assignments.js';
import type { BoardEvent } from '#events/registry.js';
import type { UnitsMerged } from '#events/units.js';
import { addDays } from '../time.js';
import { periodOf } from './queries.js';
import type { BoardState } from './state.js';

/**
 * When units merge, assignments to the old units end on the merge date with reason
 * `unit-merged`; history is never rewritten, the ends are appended. An assignment to the unit
 * merged into continues (the new commune kept that code). A split unit's assignments end too:
 * "a human has to decide which new commune inherits it" (domain-notes §6). Assignments already
 * over by the merge date are left alone, so running this twice appends nothing.
 */
export function endAssignmentsForMerge(board: BoardState, merge: UnitsMerged): BoardEvent[] {
  const lastDayBefore = addDays(merge.effectiveDate, -1);
  return [...board.assignments.values()]
    .filter((assignment) => merge.fromCodes.includes(assignment.unitCode) && assignment.unitCode !== merge.intoCode)
    .filter((assignment) => {
      const { end } = periodOf(assignment);
      return end === null || end > lastDayBefore;
    })
    .map((assignment): { type: 'AssignmentEnded'; data: AssignmentEnded } => ({
      type: 'AssignmentEnded',
      data: {
        assignmentId: assignment.assignmentId,
        reason: 'unit-merged',
        note: `${assignment.unitCode} merged into ${merge.intoCode}`,
        effectiveDate: merge.effectiveDate,
        decisionRef: merge.decisionRef,
      },
    }));
}
