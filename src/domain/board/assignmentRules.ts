import type { AssignmentKind } from '#events/assignments.js';
import type { IsoDate } from '#events/common.js';
import type { PolicyFact } from '../facts.js';
import { assertAsOf } from '../facts.js';
import { fail, requireActiveCadre, requireActiveUnit, requireNotFuture, requireOrdered, requireUnder } from '../rules.js';
import { periodsOverlap, type Period } from '../time.js';
import type { CadreAssignmentContext } from './commands.js';
import { cadreOf, periodOf } from './queries.js';
import type { Assignee, Assignment, BoardState } from './state.js';

/** A new assignment as the rules see it, whichever command makes it. */
export interface NewAssignment {
  readonly assignmentId: string;
  readonly committeeUnitCode: string;
  readonly assignee: Assignee;
  readonly unitCode: string;
  readonly kind: AssignmentKind;
  readonly decisionDate: IsoDate;
  readonly period: Period;
}

/** Rules every new assignment obeys. */
export function requireValidNew(board: BoardState, next: NewAssignment, today: IsoDate): void {
  if (board.assignments.has(next.assignmentId)) fail('ASSIGNMENT_ALREADY_EXISTS', 'assignmentId');
  requireNotFuture(next.decisionDate, today, 'decisionDate');
  requireOrdered(next.period.start, next.period.end, 'effectiveUntil');
  const duplicate = others(board, next).some((other) => sameAssignee(other.assignee, next.assignee) && other.unitCode === next.unitCode && other.kind === next.kind);
  if (duplicate) fail('ASSIGNMENT_DUPLICATE', 'unitCode');
}

/** The unit is active on the first day and lies under the committee's unit; the cadre is in service. */
export function requireCadreFacts(next: NewAssignment, context: CadreAssignmentContext): void {
  const unit = requireActiveUnit(context.unit, next.period.start, 'unitCode');
  requireUnder(unit, next.committeeUnitCode, 'unitCode');
  requireActiveCadre(context.cadre, next.period.start, 'cadreId');
  assertAsOf(context.policy, next.period.start, 'policy');
}

/**
 * Where the binding policy is one-to-one (Bến Tre: 164 cadres for 164 communes, domain-notes §3),
 * a second follower for a unit or a second unit for a cadre is refused unless the command gives a
 * reason to set the policy aside. Returns the reason to record: only when something was set aside.
 * The check covers this board only: the policy binds the committee that assigns.
 */
export function oneToOneOverride(board: BoardState, next: NewAssignment, policy: PolicyFact | null, overrideReason: string | undefined): string | undefined {
  if (policy === null || next.kind !== 'follow') return undefined;
  const cadreId = next.assignee.kind === 'cadre' ? next.assignee.cadreId : null;
  const follows = others(board, next).filter((other) => other.kind === 'follow' && cadreOf(other) !== null);
  const secondFollower = policy.oneFollowerPerCommune && follows.some((other) => other.unitCode === next.unitCode && cadreOf(other) !== cadreId);
  const secondCommune = policy.oneCadreOneCommune && follows.some((other) => cadreOf(other) === cadreId && other.unitCode !== next.unitCode);
  if (!secondFollower && !secondCommune) return undefined;
  if (overrideReason === undefined) fail('ASSIGNMENT_ONE_TO_ONE_VIOLATED', secondFollower ? 'unitCode' : 'cadreId');
  return overrideReason;
}

/** Assignments of this board overlapping the new one in time. */
function others(board: BoardState, next: NewAssignment): Assignment[] {
  return [...board.assignments.values()].filter((other) => periodsOverlap(periodOf(other), next.period));
}

function sameAssignee(a: Assignee, b: Assignee): boolean {
  if (a.kind === 'cadre') return b.kind === 'cadre' && a.cadreId === b.cadreId;
  return b.kind === 'agency' && a.agencyId === b.agencyId && a.programme === b.programme;
}
