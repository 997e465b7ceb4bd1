import { z } from 'zod';
import { congressTerm, decisionRef, isoDate, reason, text, unitCode, uuid } from './common.js';

/**
 * Assignment boards, one stream per assigning committee: `board-<committeeUnitCode>`. Periods:
 * `effectiveFrom` is the first day in effect, `effectiveUntil` the last day in effect (as the
 * decision states it), and an AssignmentEnded's `effectiveDate` the first day no longer in effect.
 */

export const assignmentKind = z.enum(['follow', 'cell-meetings', 'support']);
export type AssignmentKind = z.infer<typeof assignmentKind>;

const decision = { decisionRef, decisionDate: isoDate };

export const CadreAssigned = z.object({
  assignmentId: uuid,
  committeeUnitCode: unitCode,
  cadreId: uuid,
  unitCode,
  kind: assignmentKind,
  ...decision,
  effectiveFrom: isoDate,
  effectiveUntil: isoDate.optional(),
  congressTerm,
  /** Why a one-to-one policy was set aside; present only when it was. */
  overrideReason: reason.optional(),
}).strict();
export type CadreAssigned = z.infer<typeof CadreAssigned>;

/** An agency supports a commune as a body, e.g. for new-rural-development (nông thôn mới). */
export const AgencyAssignedToSupportUnit = z.object({
  assignmentId: uuid,
  committeeUnitCode: unitCode,
  agencyId: uuid,
  unitCode,
  programme: text(200),
  ...decision,
  effectiveFrom: isoDate,
  effectiveUntil: isoDate.optional(),
}).strict();
export type AgencyAssignedToSupportUnit = z.infer<typeof AgencyAssignedToSupportUnit>;

export const endReason = z.enum([
  'term-ended', 'replaced', 'duties-not-fulfilled', 'cadre-retired', 'cadre-transferred', 'unit-merged', 'unit-dissolved', 'other',
]);
export type EndReason = z.infer<typeof endReason>;

export const AssignmentEnded = z.object({
  assignmentId: uuid,
  reason: endReason,
  note: text(2000).optional(),
  effectiveDate: isoDate,
  /** The decision that ended it: the board's own, or the merge resolution for `unit-merged`. */
  decisionRef: decisionRef.optional(),
}).strict();
export type AssignmentEnded = z.infer<typeof AssignmentEnded>;

/** One decision moving a cadre (luân chuyển): the old assignment ends the day the new one starts. */
export const CadreRotated = z.object({
  committeeUnitCode: unitCode,
  cadreId: uuid,
  endedAssignmentId: uuid,
  assignmentId: uuid,
  unitCode,
  kind: assignmentKind,
  ...decision,
  effectiveDate: isoDate,
  effectiveUntil: isoDate.optional(),
  congressTerm,
  reason,
  overrideReason: reason.optional(),
}).strict();
export type CadreRotated = z.infer<typeof CadreRotated>;
