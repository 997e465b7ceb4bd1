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
  switch (event.type) {
    case 'CadreAssigned':
      return put(state, fromCadreAssigned(event.data));
    case 'AgencyAssignedToSupportUnit':
      return put(state, fromAgencyAssigned(event.data));
    case 'AssignmentEnded':
      return end(state, event.data.assignmentId, event.data.effectiveDate, event.data.reason);
    case 'CadreRotated': {
      const { endedAssignmentId, effectiveDate, ...next } = event.data;
      const ended = end(state, endedAssignmentId, effectiveDate, 'rotated');
      return put(ended, fromCadreAssigned({ ...next, effectiveFrom: effectiveDate }));
    }
    default: {
      const _: never = event;
      return state;
    }
  }
}

function put(state: BoardState, assignment: Assignment): BoardState {
  if (state.assignments.has(assignment.assignmentId)) return state;
  return { assignments: new Map(state.assignments).set(assignment.assignmentId, assignment) };
}

function end(state: BoardState, assignmentId: string, effectiveDate: IsoDate, reason: EndReason | 'rotated'): BoardState {
  const assignment = state.assignments.get(assignmentId);
  if (assignment === undefined || assignment.ended !== null) return state;
  return { assignments: new Map(state.assignments).set(assignmentId, { ...assignment, ended: { effectiveDate, reason } }) };
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
