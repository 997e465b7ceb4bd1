import type { CadreLevel } from '#events/common.js';
import type { CadreRegistered, PersonalField } from '#events/cadres.js';
import type { CadreEvent } from '#events/registry.js';
import { insertDated, type Dated } from '../dated.js';

export interface Posting {
  readonly agencyId: string;
  readonly position: string;
  readonly level: CadreLevel;
}

/** Registration is undated: the first posting holds from the beginning of the record. */
export const SINCE_REGISTRATION = '0001-01-01';

export interface RegisteredCadre {
  readonly status: 'registered';
  readonly registered: CadreRegistered;
  readonly cadreId: string;
  readonly postings: ReadonlyArray<Dated<Posting>>;
  readonly inSuccessionPlan: boolean;
  /** First day out of service. */
  readonly retiredOn: string | null;
  readonly erasedFields: readonly PersonalField[];
}

export type CadreState = { readonly status: 'none' } | RegisteredCadre;

export const initialState = (): CadreState => ({ status: 'none' });

export function evolve(state: CadreState, event: CadreEvent): CadreState {
  if (state.status === 'none') {
    return event.type === 'CadreRegistered' ? register(event.data) : state;
  }
  switch (event.type) {
    case 'CadreRegistered':
      return state;
    case 'CadreTransferred': {
      const { toAgencyId: agencyId, position, level, effectiveDate: from } = event.data;
      return { ...state, postings: insertDated(state.postings, { from, value: { agencyId, position, level } }) };
    }
    case 'CadrePositionChanged': {
      const { position, effectiveDate: from, inSuccessionPlan } = event.data;
      const current = postingOn(state, from);
      return { ...state, inSuccessionPlan, postings: insertDated(state.postings, { from, value: { ...current, position } }) };
    }
    case 'CadreRetired':
      return { ...state, retiredOn: event.data.effectiveDate };
    case 'CadrePersonalDataErased':
      return { ...state, erasedFields: [...new Set([...state.erasedFields, ...event.data.fields])] };
    default: {
      const _: never = event;
      return state;
    }
  }
}

function register(data: CadreRegistered): RegisteredCadre {
  const { agencyId, position, level } = data;
  return {
    status: 'registered',
    registered: data,
    cadreId: data.cadreId,
    postings: [{ from: SINCE_REGISTRATION, value: { agencyId, position, level } }],
    inSuccessionPlan: data.inSuccessionPlan,
    retiredOn: null,
    erasedFields: [],
  };
}

export function postingOn(state: RegisteredCadre, date: string): Posting {
  const posting = state.postings.findLast((entry) => entry.from <= date) ?? state.postings[0];
  if (posting === undefined) throw new Error('a registered cadre always has a posting');
  return posting.value;
}
