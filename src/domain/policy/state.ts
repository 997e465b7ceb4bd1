import type { PolicyTerms, QuotaPolicyIssued, QuotaPolicyRepealed } from '#events/policies.js';
import type { PolicyEvent } from '#events/registry.js';
import { insertDated, valueOn, type Dated } from '../dated.js';

export interface IssuedPolicy {
  readonly status: 'issued';
  readonly issued: QuotaPolicyIssued;
  /** The terms from each amendment's date on; an amendment changes the terms in force on its date. */
  readonly terms: ReadonlyArray<Dated<PolicyTerms>>;
  readonly repealed: QuotaPolicyRepealed | null;
}

export type PolicyState = { readonly status: 'none' } | IssuedPolicy;

export const initialState = (): PolicyState => ({ status: 'none' });

export function evolve(state: PolicyState, event: PolicyEvent): PolicyState {
  if (state.status === 'none') {
    if (event.type !== 'QuotaPolicyIssued') return state;
    return { status: 'issued', issued: event.data, terms: [{ from: event.data.effectiveFrom, value: event.data.terms }], repealed: null };
  }
  switch (event.type) {
    case 'QuotaPolicyIssued':
      return state;
    case 'QuotaPolicyAmended': {
      const { effectiveFrom: from, changes } = event.data;
      const current = valueOn(state.terms, from) ?? state.issued.terms;
      return { ...state, terms: insertDated(state.terms, { from, value: { ...current, ...changes } }) };
    }
    case 'QuotaPolicyRepealed':
      return { ...state, repealed: event.data };
    default: {
      const _: never = event;
      return state;
    }
  }
}
