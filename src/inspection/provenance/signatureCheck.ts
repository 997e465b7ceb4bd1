import type { X509Certificate } from 'node:crypto';
import type { InspectionCheck } from '../InspectionCheck.js';
import type { Cited } from '../plausibility/select.js';
import { canonicalReportBytes } from '../signatures/canonicalReportBytes.js';
import type { SigningKeyStore } from '../signatures/SigningKeyStore.js';
import { signatureProblem } from '../signatures/verifySignature.js';

/**
 * Submitter signatures are optional: none is not a failure. Each one submitted must verify with
 * a key registered to the report's cadre (and, for a certificate, chain to a trust anchor and be
 * valid when the report was filed).
 */
export async function signatureCheck(keys: SigningKeyStore, report: Cited<'ReportFiled'> | undefined, anchors: readonly X509Certificate[]): Promise<InspectionCheck> {
  if (!report) return { code: 'PROVENANCE_SIGNATURE', ok: true, detail: 'no report filed: nothing signed' };
  const signatures = await keys.signaturesOf(report.event.data.reportId);
  if (signatures.length === 0) return { code: 'PROVENANCE_SIGNATURE', ok: true, detail: 'not signed by the submitter (signatures are optional)' };
  const bytes = canonicalReportBytes(report.event.data);
  const filedAt = new Date(report.recordedAt);
  const problems: string[] = [];
  for (const s of signatures) {
    const key = await keys.key(s.keyId);
    if (!key || key.cadreId !== report.event.data.cadreId) problems.push(`key ${s.keyId} is not registered to cadre ${report.event.data.cadreId}`);
    else {
      const problem = signatureProblem(key, bytes, s.signature, filedAt, anchors);
      if (problem) problems.push(problem);
    }
  }
  return problems.length === 0
    ? { code: 'PROVENANCE_SIGNATURE', ok: true, detail: `${signatures.length} submitter signature${signatures.length === 1 ? '' : 's'} verified over the report's canonical bytes` }
    : { code: 'PROVENANCE_SIGNATURE', ok: false, detail: problems.join('; ') };
}
