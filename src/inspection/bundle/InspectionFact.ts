import { z } from 'zod';
import type { PlausibilityCode } from '../Evidence.js';
import { plausibilityRules } from '../plausibility/rules.js';

/** The bundle fact kind of the inspection (README "Inspection: bundle facts"). */
export const INSPECTION_FACT_KIND = 'diaban.inspection/plausibility-v1';

const codes = Object.keys(plausibilityRules) as [PlausibilityCode, ...PlausibilityCode[]];
const Decimal = z.string().regex(/^(0|[1-9]\d*)$/);

/**
 * One plausibility check as a claim a verifier can recompute: the rule's code, what it judged
 * (`subject`), the inputs the cited events cannot prove (`params`), the answer, and the positions
 * of the bundle leaves it rests on.
 */
export const InspectionFact = z.strictObject({
  kind: z.literal(INSPECTION_FACT_KIND),
  code: z.enum(codes),
  subject: z.strictObject({ visitId: z.string().min(1), reportId: z.string().min(1).nullable() }),
  params: z.strictObject({ unitCodes: z.array(z.string()).optional(), policyId: z.string().nullable().optional() }),
  ok: z.boolean(),
  /** Present (true) when the answer rests on a transcribed record's own claim. */
  unattested: z.literal(true).optional(),
  detail: z.string(),
  restsOn: z.array(Decimal),
});
export type InspectionFact = z.infer<typeof InspectionFact>;
