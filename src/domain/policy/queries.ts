import type { IsoDate } from '#events/common.js';
import type { PolicyTerms, QuotaRule } from '#events/policies.js';
import { valueOn } from '../dated.js';
import type { CadreFact, PolicyFact } from '../facts.js';
import { addDays } from '../time.js';
import type { IssuedPolicy, PolicyState } from './state.js';

/** The terms in force on `date`, or null before, after, or once repealed. */
export function termsOn(state: PolicyState, date: IsoDate): PolicyTerms | null {
  if (state.status === 'none') return null;
  const { effectiveFrom, effectiveUntil } = state.issued;
  if (date < effectiveFrom || (effectiveUntil !== undefined && date > effectiveUntil)) return null;
  if (state.repealed !== null && date >= state.repealed.effectiveDate) return null;
  return valueOn(state.terms, date) ?? null;
}

export function appliesToCadre(terms: PolicyTerms, cadre: Pick<CadreFact, 'level' | 'position'>): boolean {
  const { levels, positions } = terms.appliesTo;
  return levels.includes(cadre.level) && (positions.length === 0 || positions.includes(cadre.position));
}

/**
 * The policy binding a committee's assignment of a cadre on a date: among the candidates whose
 * scope covers the committee's unit and whose terms apply to the cadre, the one that took effect
 * last. `committeeScope` is the committee's unit and its ancestors.
 */
export function policyFactFor(
  candidates: readonly PolicyState[],
  query: { readonly committeeScope: readonly string[]; readonly date: IsoDate; readonly cadre: Pick<CadreFact, 'level' | 'position'> },
): PolicyFact | null {
  const binding = candidates
    .filter((policy): policy is IssuedPolicy => policy.status === 'issued')
    .filter((policy) => policy.issued.scopeUnitCodes.some((code) => query.committeeScope.includes(code)))
    .map((policy) => ({ policy, terms: termsOn(policy, query.date) }))
    .filter((entry): entry is { policy: IssuedPolicy; terms: PolicyTerms } => entry.terms !== null && appliesToCadre(entry.terms, query.cadre))
    .sort((a, b) => (a.policy.issued.effectiveFrom < b.policy.issued.effectiveFrom ? 1 : -1))[0];
  if (binding === undefined) return null;
  const { policy, terms } = binding;
  return {
    policyId: policy.issued.policyId,
    reference: policy.issued.reference,
    asOf: query.date,
    oneCadreOneCommune: terms.oneCadreOneCommune,
    oneFollowerPerCommune: terms.oneFollowerPerCommune,
  };
}

/** The last day a trip's report is on time. */
export function reportDueDate(terms: PolicyTerms, visitEndDate: IsoDate): IsoDate {
  return addDays(visitEndDate, terms.reportDeadlineDays);
}

/** The days at the grassroots a rule requires in a year with `workingDays` working days. */
export function requiredDays(rule: QuotaRule, workingDays: number): number {
  return rule.kind === 'days-per-year' ? rule.days : Math.ceil(rule.share * workingDays);
}
