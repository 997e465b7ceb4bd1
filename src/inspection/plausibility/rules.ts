import type { EvidenceEvent, PlausibilityCode, Rule, RuleOutcome, RuleParams, Subject } from '../Evidence.js';
import { amendments } from './amendmentsRule.js';
import { assigned } from './assignedRule.js';
import { noOverlap } from './overlapRule.js';
import { afterVisit, onTime } from './timingRules.js';
import { activitiesInside, confirmed, notCancelled } from './visitRules.js';

/**
 * The plausibility rules of the inspection issue, by stable code, in the order they are reported.
 * Pure: the server runs them over the store's events, `diaban verify-bundle` over a bundle's leaves.
 */
export const plausibilityRules: Readonly<Record<PlausibilityCode, Rule>> = {
  PLAUSIBLE_NOT_CANCELLED: notCancelled,
  PLAUSIBLE_ASSIGNED: assigned,
  PLAUSIBLE_AFTER_VISIT: afterVisit,
  PLAUSIBLE_ON_TIME: onTime,
  PLAUSIBLE_NO_OVERLAP: noOverlap,
  PLAUSIBLE_CONFIRMED: confirmed,
  PLAUSIBLE_AMENDMENTS: amendments,
  PLAUSIBLE_ACTIVITIES_INSIDE: activitiesInside,
};

export const isPlausibilityCode = (code: string): code is PlausibilityCode => code in plausibilityRules;

export function runPlausibility(subject: Subject, events: readonly EvidenceEvent[], params: RuleParams): Array<RuleOutcome & { code: PlausibilityCode }> {
  return (Object.keys(plausibilityRules) as PlausibilityCode[]).map((code) => ({ code, ...plausibilityRules[code](subject, events, params) }));
}
