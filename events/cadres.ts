import { z } from 'zod';
import { cadreLevel, commitment, decisionRef, isoDate, reason, text, uuid } from './common.js';

/**
 * Cadres, one stream each: `cadre-<id>`. Personal fields are ledger commitments only; the plain
 * values sit in the ledger's side table so that an erasure removes them without rewriting events.
 */

export const personalField = z.enum(['fullName', 'dateOfBirth', 'phone']);
export type PersonalField = z.infer<typeof personalField>;

export const CadreRegistered = z.object({
  cadreId: uuid,
  fullName: commitment,
  dateOfBirth: commitment,
  phone: commitment.optional(),
  position: text(200),
  agencyId: uuid,
  level: cadreLevel,
  expertise: z.array(text(100)).max(20),
  /** In the succession plan (quy hoạch) for head of division or above. */
  inSuccessionPlan: z.boolean(),
}).strict();
export type CadreRegistered = z.infer<typeof CadreRegistered>;

export const CadreTransferred = z.object({
  cadreId: uuid,
  fromAgencyId: uuid,
  toAgencyId: uuid,
  position: text(200),
  level: cadreLevel,
  effectiveDate: isoDate,
  decisionRef,
}).strict();
export type CadreTransferred = z.infer<typeof CadreTransferred>;

export const CadrePositionChanged = z.object({
  cadreId: uuid,
  position: text(200),
  /** The succession-plan flag after the change: planning is reviewed with every appointment. */
  inSuccessionPlan: z.boolean(),
  effectiveDate: isoDate,
  decisionRef: decisionRef.optional(),
}).strict();
export type CadrePositionChanged = z.infer<typeof CadrePositionChanged>;

export const CadreRetired = z.object({
  cadreId: uuid,
  /** First day the cadre is no longer in service. */
  effectiveDate: isoDate,
  decisionRef: decisionRef.optional(),
}).strict();
export type CadreRetired = z.infer<typeof CadreRetired>;

/** The ledger deleted the plain values of these fields; their commitments stay in the chain. */
export const CadrePersonalDataErased = z.object({
  cadreId: uuid,
  fields: z.array(personalField).min(1),
  reason,
}).strict();
export type CadrePersonalDataErased = z.infer<typeof CadrePersonalDataErased>;
