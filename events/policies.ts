import { z } from 'zod';
import { cadreLevel, decisionRef, isoDate, reason, text, unitCode, uuid } from './common.js';

/**
 * Quota policies (the provincial regulations), one stream each: `policy-<id>`. Examples: Lào Cai
 * 19-QĐ/TU "at least 36 days a year" (unconfirmed, domain-notes §1), Nghệ An "1/3 of working time"
 * for specialists (unconfirmed, §4), Bến Tre one provincial cadre per commune (confirmed, §3).
 */

export const quotaRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('days-per-year'), days: z.int().min(1).max(366) }).strict(),
  /** A share of working days, 0 < share ≤ 1 (Nghệ An's one third is 0.3333). */
  z.object({ kind: z.literal('share-of-working-days'), share: z.number().gt(0).lte(1) }).strict(),
]);
export type QuotaRule = z.infer<typeof quotaRule>;

export const appliesTo = z.object({
  levels: z.array(cadreLevel).min(1),
  /** Positions the policy names; empty means every position at those levels. */
  positions: z.array(text(200)),
}).strict();
export type AppliesTo = z.infer<typeof appliesTo>;

/** The terms an amendment can change; they take effect together on the amendment's date. */
export const policyTerms = z.object({
  appliesTo,
  rule: quotaRule,
  /** Days after the end of a trip within which its report is due. */
  reportDeadlineDays: z.int().min(1).max(365),
  /** A cadre follows at most one commune (Bến Tre: 164 cadres for 164 communes). */
  oneCadreOneCommune: z.boolean(),
  /** A commune has at most one follower assigned by this committee. */
  oneFollowerPerCommune: z.boolean(),
}).strict();
export type PolicyTerms = z.infer<typeof policyTerms>;

export const QuotaPolicyIssued = z.object({
  policyId: uuid,
  reference: decisionRef,
  title: text(500),
  /** The unit whose committee issued it (the province for a "-QĐ/TU"). */
  issuingUnitCode: unitCode,
  issuedOn: isoDate,
  /** Units whose committees the policy binds, with everything beneath them. */
  scopeUnitCodes: z.array(unitCode).min(1),
  terms: policyTerms,
  effectiveFrom: isoDate,
  /** Last day in force, when the policy itself says so. */
  effectiveUntil: isoDate.optional(),
}).strict();
export type QuotaPolicyIssued = z.infer<typeof QuotaPolicyIssued>;

export const QuotaPolicyAmended = z.object({
  policyId: uuid,
  amendmentRef: decisionRef,
  effectiveFrom: isoDate,
  changes: policyTerms.partial().refine((changes) => Object.keys(changes).length > 0, { message: 'nothing amended' }),
}).strict();
export type QuotaPolicyAmended = z.infer<typeof QuotaPolicyAmended>;

export const QuotaPolicyRepealed = z.object({
  policyId: uuid,
  repealRef: decisionRef,
  /** First day the policy is no longer in force. */
  effectiveDate: isoDate,
  reason: reason.optional(),
}).strict();
export type QuotaPolicyRepealed = z.infer<typeof QuotaPolicyRepealed>;
