import type { PlausibilityCode } from './Evidence.js';

export type IntegrityCode = 'INTEGRITY_LEAF_MATCHES' | 'INTEGRITY_INCLUDED' | 'INTEGRITY_CHAIN' | 'INTEGRITY_CONSISTENT';
export type ProvenanceCode = 'PROVENANCE_CADRE_TOKEN' | 'PROVENANCE_COMMITTEE_TOKEN' | 'PROVENANCE_SIGNATURE';
export type InspectionCode = IntegrityCode | ProvenanceCode | PlausibilityCode;

/** One line of an authenticity answer: a stable code, whether it held, and why in plain words. */
export interface InspectionCheck {
  code: InspectionCode;
  ok: boolean;
  detail: string;
  /** The answer rests on a transcribed record's own claim, which the ledger cannot attest. */
  unattested?: true;
}

export type Verdict = 'authentic' | 'transcribed' | 'questionable' | 'tampered';

/**
 * Integrity failures mean the record was changed after the fact: `tampered`. Provenance and
 * plausibility failures mean the record is intact but does not fit: `questionable`. A record that
 * passes every check but was transcribed from an earlier record after the fact is `transcribed`:
 * intact and consistent, its timing attested by its source, not by the ledger.
 */
export function verdictOf(checks: readonly InspectionCheck[]): Verdict {
  if (checks.some((c) => !c.ok && c.code.startsWith('INTEGRITY_'))) return 'tampered';
  if (!checks.every((c) => c.ok)) return 'questionable';
  return checks.some((c) => c.unattested) ? 'transcribed' : 'authentic';
}
