import type { AgencyAssignedToSupportUnit, AssignmentEnded, CadreAssigned, CadreRotated } from '#events/assignments.js';
import type { UnitsMerged } from '#events/units.js';
import type { Command } from '../command.js';
import type { NoContext } from '../decider.js';
import type { AgencyFact, CadreFact, PolicyFact, UnitFact } from '../facts.js';

export type AssignCadre = Command<'AssignCadre', CadreAssigned>;
export type AssignAgencyToSupportUnit = Command<'AssignAgencyToSupportUnit', AgencyAssignedToSupportUnit>;
export type EndAssignment = Command<'EndAssignment', AssignmentEnded>;
export type RotateCadre = Command<'RotateCadre', CadreRotated>;
/** Sent by the process that reacts to UnitsMerged, once per board. */
export type EndAssignmentsForMerge = Command<'EndAssignmentsForMerge', { merge: UnitsMerged }>;

export type BoardCommand = AssignCadre | AssignAgencyToSupportUnit | EndAssignment | RotateCadre | EndAssignmentsForMerge;

/**
 * Facts about the new assignment, all as of its first day (`effectiveFrom`, or a rotation's
 * `effectiveDate`). `policy` is the quota policy binding this committee for this cadre on that day
 * (policy/queries.ts policyFactFor), null when none is in force.
 */
export interface CadreAssignmentContext {
  readonly unit: UnitFact | null;
  readonly cadre: CadreFact | null;
  readonly policy: PolicyFact | null;
}

export interface BoardContexts {
  readonly AssignCadre: CadreAssignmentContext;
  /** The unit as of `effectiveFrom`, and the agency. */
  readonly AssignAgencyToSupportUnit: { readonly unit: UnitFact | null; readonly agency: AgencyFact | null };
  readonly EndAssignment: NoContext;
  readonly RotateCadre: CadreAssignmentContext;
  readonly EndAssignmentsForMerge: NoContext;
}
