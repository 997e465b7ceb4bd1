import type { Bundle } from '../../ledger/bundle/Bundle.js';
import { buildBundle } from '../../ledger/bundle/buildBundle.js';
import type { LedgerReader } from '../../ledger/postgres/LedgerReader.js';
import type { RuleOutcome, RuleParams, Subject } from '../Evidence.js';
import type { PlausibilityCode } from '../Evidence.js';
import { INSPECTION_FACT_KIND, type InspectionFact } from './InspectionFact.js';

/**
 * The proof bundle of an inspection: the leaves of the visit's and report's events and of every
 * event a fact rests on, their inclusion proofs, the latest checkpoint with cosignatures, the vkey,
 * and the plausibility facts. Personal fields appear only as the commitments the events hold.
 */
export async function inspectionBundle(
  reader: LedgerReader,
  input: { subject: Subject; params: RuleParams; ownPositions: readonly string[]; outcomes: ReadonlyArray<RuleOutcome & { code: PlausibilityCode }>; since?: bigint },
): Promise<Bundle> {
  const facts: InspectionFact[] = input.outcomes.map((o) => ({
    kind: INSPECTION_FACT_KIND,
    code: o.code,
    subject: { visitId: input.subject.visitId, reportId: input.subject.reportId },
    params: input.params.unitCodes ? { unitCodes: [...input.params.unitCodes], policyId: input.params.policyId ?? null } : { policyId: input.params.policyId ?? null },
    ok: o.ok,
    ...(o.unattested ? { unattested: true as const } : {}),
    detail: o.detail,
    restsOn: [...o.restsOn],
  }));
  const wanted = [...new Set([...input.ownPositions, ...input.outcomes.flatMap((o) => o.restsOn)])].map(BigInt);
  // A leaf the checkpoint does not cover yet (see sealedCheckpoint) is left out: the integrity
  // checks already name it, and the fact citing it fails offline instead of the request failing.
  const size = (await reader.latestCheckpoint())?.treeSize ?? 0n;
  const positions = [];
  for (const position of wanted) {
    const leaf = await reader.leafAt(position);
    if (leaf && leaf.leafIndex < size) positions.push(position);
  }
  return buildBundle(reader, positions, { facts, ...(input.since !== undefined ? { since: { size: input.since } } : {}) });
}
