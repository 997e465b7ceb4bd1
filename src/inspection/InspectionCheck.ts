import type { PlausibilityCode } from './Evidence.js';

export type IntegrityCode = 'INTEGRITY_LEAF_MATCHES' | 'INTEGRITY_INCLUDED' | 'INTEGRITY_CHAIN' | 'INTEGRITY_CONSISTENT';
export type ProvenanceCode = 'PROVENANCE_CADRE_TOKEN' | 'PROVENANCE_COMMITTEE_TOKEN' | 'PROVENANCE_SIGNATURE';
export type InspectionCode = IntegrityCode | ProvenanceCode | PlausibilityCode;

/** One line of an authenticity answer: a stable code, whether it held, and why in plain words. */
export interface InspectionCheck {
  code: InspectionCode;
  ok: boolean;
  detail: string;
}

export type Verdict = 'authentic' | 'questionable' | 'tampered';

/**
 * Integrity failures mean the record was changed after the fact: `tampered`. Provenance and
 * plausibility failures mean the record is intact but does not fit: `questionable`.
 */
export function verdictOf(checks: readonly InspectionCheck[]): Verdict {
  if (checks.some((c) => !c.ok && c.code.startsWith('INTEGRITY_'))) return 'tampered';
  return checks.every((c) => c.ok) ? 'authentic' : 'questionable';
}
