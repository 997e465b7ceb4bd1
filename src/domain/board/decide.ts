import type { BoardEvent } from '#events/registry.js';
import { definedOnly } from '../data.js';
import { fail, requireAgency, requireActiveUnit, requireOrdered, requireUnder } from '../rules.js';
import { addDays, todayInVietnam } from '../time.js';
import { oneToOneOverride, requireCadreFacts, requireValidNew, type NewAssignment } from './assignmentRules.js';
import type {
  AssignAgencyToSupportUnit, AssignCadre, BoardCommand, BoardContexts, EndAssignment, RotateCadre,
} from './commands.js';
import { endAssignmentsForMerge } from './mergeProcess.js';
import { periodOf } from './queries.js';
import { evolve, type Assignment, type BoardState } from './state.js';

export function decide<C extends BoardCommand>(command: C, state: BoardState, context: BoardContexts[C['type']]): BoardEvent[] {
  const cmd: BoardCommand = command;
  // The signature ties `context` to the command's type; each cast restates that for the branch.
  switch (cmd.type) {
    case 'AssignCadre': return assignCadre(cmd, state, context as BoardContexts['AssignCadre']);
    case 'AssignAgencyToSupportUnit': return assignAgency(cmd, state, context as BoardContexts['AssignAgencyToSupportUnit']);
    case 'EndAssignment': return endAssignment(cmd, state);
    case 'RotateCadre': return rotateCadre(cmd, state, context as BoardContexts['RotateCadre']);
    case 'EndAssignmentsForMerge': return endAssignmentsForMerge(state, cmd.data.merge);
    default: {
      const _: never = cmd;
      return _;
    }
  }
}

function assignCadre({ data, metadata }: AssignCadre, state: BoardState, context: BoardContexts['AssignCadre']): BoardEvent[] {
  const next: NewAssignment = {
    ...data,
    assignee: { kind: 'cadre', cadreId: data.cadreId },
    period: { start: data.effectiveFrom, end: data.effectiveUntil ?? null },
  };
  requireValidNew(state, next, todayInVietnam(metadata.now));
  requireCadreFacts(next, context);
  const overrideReason = oneToOneOverride(state, next, context.policy, data.overrideReason);
  return [{ type: 'CadreAssigned', data: definedOnly({ ...data, overrideReason }) }];
}

function assignAgency({ data, metadata }: AssignAgencyToSupportUnit, state: BoardState, context: BoardContexts['AssignAgencyToSupportUnit']): BoardEvent[] {
  const next: NewAssignment = {
    ...data,
    kind: 'support',
    assignee: { kind: 'agency', agencyId: data.agencyId, programme: data.programme },
    period: { start: data.effectiveFrom, end: data.effectiveUntil ?? null },
  };
  requireValidNew(state, next, todayInVietnam(metadata.now));
  requireUnder(requireActiveUnit(context.unit, data.effectiveFrom, 'unitCode'), data.committeeUnitCode, 'unitCode');
  requireAgency(context.agency, 'agencyId');
  return [{ type: 'AgencyAssignedToSupportUnit', data: definedOnly({ ...data }) }];
}

function endAssignment({ data }: EndAssignment, state: BoardState): BoardEvent[] {
  const assignment = requireRunning(state, data.assignmentId, data.effectiveDate, 'assignmentId');
  requireOrdered(assignment.effectiveFrom, data.effectiveDate, 'effectiveDate');
  return [{ type: 'AssignmentEnded', data: definedOnly({ ...data }) }];
}

/**
 * A rotation (luân chuyển) moves the same cadre: the old assignment's last day is the day before
 * the new one's first. The new assignment obeys every rule of AssignCadre, judged on the board as
 * it will be once the old one has ended.
 */
function rotateCadre({ data, metadata }: RotateCadre, state: BoardState, context: BoardContexts['RotateCadre']): BoardEvent[] {
  const old = requireRunning(state, data.endedAssignmentId, data.effectiveDate, 'endedAssignmentId');
  if (old.assignee.kind !== 'cadre' || old.assignee.cadreId !== data.cadreId) fail('ROTATION_NOT_A_CADRE_ASSIGNMENT', 'endedAssignmentId');
  if (data.effectiveDate <= old.effectiveFrom) fail('DATE_RANGE_INVALID', 'effectiveDate');
  const afterEnd = evolve(state, {
    type: 'AssignmentEnded', data: { assignmentId: old.assignmentId, reason: 'replaced', effectiveDate: data.effectiveDate },
  });
  const next: NewAssignment = {
    ...data,
    assignee: { kind: 'cadre', cadreId: data.cadreId },
    period: { start: data.effectiveDate, end: data.effectiveUntil ?? null },
  };
  requireValidNew(afterEnd, next, todayInVietnam(metadata.now));
  requireCadreFacts(next, context);
  const overrideReason = oneToOneOverride(afterEnd, next, context.policy, data.overrideReason);
  return [{ type: 'CadreRotated', data: definedOnly({ ...data, overrideReason }) }];
}

/** The assignment exists and is still to be in effect on `date` (not ended, not expired before it). */
function requireRunning(state: BoardState, assignmentId: string, date: string, field: string): Assignment {
  const assignment = state.assignments.get(assignmentId);
  if (assignment === undefined) return fail('ASSIGNMENT_NOT_FOUND', field);
  const { end } = periodOf(assignment);
  if (assignment.ended !== null || (end !== null && end < addDays(date, -1))) fail('ASSIGNMENT_ALREADY_ENDED', field);
  return assignment;
}
