import type { AgencyAssignedToSupportUnit, AssignmentKind, CadreAssigned, EndReason } from '#events/assignments.js';
import type { IsoDate } from '#events/common.js';
import type { BoardEvent } from '#events/registry.js';

export type Assignee =
  | { readonly kind: 'cadre'; readonly cadreId: string }
  | { readonly kind: 'agency'; readonly agencyId: string; readonly programme: string };

export interface Assignment {
  readonly assignmentId: string;
  readonly committeeUnitCode: string;
  readonly assignee: Assignee;
  readonly unitCode: string;
  readonly kind: AssignmentKind;
  readonly decisionRef: string;
  readonly decisionDate: IsoDate;
  readonly effectiveFrom: IsoDate;
  /** Last day in effect as decided; an end recorded later may cut it short. */
  readonly effectiveUntil: IsoDate | null;
  readonly congressTerm: string | null;
  readonly overrideReason: string | null;
  /** `effectiveDate` is the first day no longer in effect. */
  readonly ended: { readonly effectiveDate: IsoDate; readonly reason: EndReason | 'rotated' } | null;
}

/** One assigning committee's board: every assignment it made, ended ones included. */
export interface BoardState {
  readonly assignments: ReadonlyMap<string, Assignment>;
}

export const initialState = (): BoardState => ({ assignments: new Map() });

export function evolve(state: BoardState, event: BoardEvent): BoardState {
  return evolveAll(state, [event]);
}

/**
 * Folds several events into one copy of the assignments, changed in place: the copy is this
 * function's own until it returns, so the states callers hold never change. Folding a board of
 * thousands of assignments one evolve at a time copied the map once per event.
 */
export function evolveAll(state: BoardState, events: readonly BoardEvent[]): BoardState {
  if (events.length === 0) return state;
  const assignments = new Map(state.assignments);
  for (const event of events) apply(assignments, event);
  return { assignments };
}

function apply(assignments: Map<string, Assignment>, event: BoardEvent): void {
  switch (event.type) {
    case 'CadreAssigned':
      return put(assignments, fromCadreAssigned(event.data));
    case 'AgencyAssignedToSupportUnit':
      return put(assignments, fromAgencyAssigned(event.data));
    case 'AssignmentEnded':
      return end(assignments, event.data.assignmentId, event.data.effectiveDate, event.data.reason);
    case 'CadreRotated': {
      const { endedAssignmentId, effectiveDate, ...next } = event.data;
      end(assignments, endedAssignmentId, effectiveDate, 'rotated');
      return put(assignments, fromCadreAssigned({ ...next, effectiveFrom: effectiveDate }));
    }
    default: {
      const _: never = event;
      return;
    }
  }
}

/** An assignment id is assigned once: a repeat changes nothing. */
function put(assignments: Map<string, Assignment>, assignment: Assignment): void {
  if (!assignments.has(assignment.assignmentId)) assignments.set(assignment.assignmentId, assignment);
}

/** Only an assignment still in effect can end. */
function end(assignments: Map<string, Assignment>, assignmentId: string, effectiveDate: IsoDate, reason: EndReason | 'rotated'): void {
  const assignment = assignments.get(assignmentId);
  if (assignment !== undefined && assignment.ended === null) assignments.set(assignmentId, { ...assignment, ended: { effectiveDate, reason } });
}

function fromCadreAssigned(data: CadreAssigned): Assignment {
  return {
    assignmentId: data.assignmentId,
    committeeUnitCode: data.committeeUnitCode,
    assignee: { kind: 'cadre', cadreId: data.cadreId },
    unitCode: data.unitCode,
    kind: data.kind,
    decisionRef: data.decisionRef,
    decisionDate: data.decisionDate,
    effectiveFrom: data.effectiveFrom,
    effectiveUntil: data.effectiveUntil ?? null,
    congressTerm: data.congressTerm,
    overrideReason: data.overrideReason ?? null,
    ended: null,
  };
}

function fromAgencyAssigned(data: AgencyAssignedToSupportUnit): Assignment {
  return {
    assignmentId: data.assignmentId,
    committeeUnitCode: data.committeeUnitCode,
    assignee: { kind: 'agency', agencyId: data.agencyId, programme: data.programme },
    unitCode: data.unitCode,
    kind: 'support',
    decisionRef: data.decisionRef,
    decisionDate: data.decisionDate,
    effectiveFrom: data.effectiveFrom,
    effectiveUntil: data.effectiveUntil ?? null,
    congressTerm: null,
    overrideReason: null,
    ended: null,
  };
}
