import type { UnitDissolved, UnitsMerged } from '#events/units.js';

/**
 * The dissolutions a merge implies for certain: after a full merge, each from-unit other than the
 * one merged into has ceased. A partially merged (split) unit is left to a person or to the import,
 * which knows all its parts: "a human has to decide which new commune inherits it" (domain-notes §6).
 */
export function dissolutionsForMerge(merge: UnitsMerged): UnitDissolved[] {
  if (merge.mergeType !== 'full') return [];
  return merge.fromCodes
    .filter((code) => code !== merge.intoCode)
    .map((code) => ({
      code,
      reason: 'merged',
      successorCodes: [merge.intoCode],
      effectiveDate: merge.effectiveDate,
      decisionRef: merge.decisionRef,
    }));
}
