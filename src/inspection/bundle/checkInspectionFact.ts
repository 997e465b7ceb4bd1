import { z } from 'zod';
import { decodeEvent } from '#events/registry.js';
import { check, type BundleCheck } from '../../ledger/bundle/BundleCheck.js';
import type { BundleFact } from '../../ledger/bundle/Bundle.js';
import type { FactChecker } from '../../ledger/bundle/verifyBundle.js';
import type { LeafEnvelope } from '../../ledger/leafEnvelope.js';
import type { EvidenceEvent } from '../Evidence.js';
import { plausibilityRules } from '../plausibility/rules.js';
import { INSPECTION_FACT_KIND, InspectionFact } from './InspectionFact.js';

/**
 * The offline check of one inspection fact: the rule is run again over the leaves the fact cites,
 * and must give the same answer, detail and citations. The fact holds only when that matches and
 * the rule passed, so a questionable report's bundle does not verify clean.
 */
export const checkInspectionFact: FactChecker = (input: BundleFact, leaves: ReadonlyMap<string, LeafEnvelope>): BundleCheck[] => {
  const parsed = InspectionFact.safeParse(input);
  if (!parsed.success) return [check('FACT', false, `malformed inspection fact: ${z.prettifyError(parsed.error)}`)];
  const fact = parsed.data;
  const events = evidenceAt(fact.restsOn, leaves);
  if (typeof events === 'string') return [check('FACT', false, `${fact.code}: ${events}`)];
  const again = plausibilityRules[fact.code](fact.subject, events, fact.params);
  const same = again.ok === fact.ok && again.unattested === fact.unattested && again.detail === fact.detail && sameSet(again.restsOn, fact.restsOn);
  if (!same) return [check('FACT', false, `${fact.code}: the cited events say "${again.detail}", the bundle claims "${fact.detail}"`)];
  return [check('FACT', fact.ok, `${fact.code}: ${fact.detail}`)];
};

export const inspectionFactCheckers: Readonly<Record<string, FactChecker>> = { [INSPECTION_FACT_KIND]: checkInspectionFact };

function evidenceAt(positions: readonly string[], leaves: ReadonlyMap<string, LeafEnvelope>): EvidenceEvent[] | string {
  const events: EvidenceEvent[] = [];
  for (const position of positions) {
    const leaf = leaves.get(position);
    if (!leaf) return `rests on position ${position}, which the bundle does not carry`;
    try {
      const event = decodeEvent(leaf.type, leaf.schemaVersion, leaf.data);
      events.push({ position, streamId: leaf.streamId, recordedAt: leaf.recordedAt, occurredAt: leaf.occurredAt, actor: leaf.actor, event });
    } catch (error) {
      return `position ${position} is not a valid ${leaf.type}: ${(error as Error).message}`;
    }
  }
  return events;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));
