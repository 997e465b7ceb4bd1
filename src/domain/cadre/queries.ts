import type { IsoDate } from '#events/common.js';
import type { CadreFact } from '../facts.js';
import { postingOn, type CadreState } from './state.js';

export function isActiveOn(state: CadreState, date: IsoDate): boolean {
  return state.status === 'registered' && (state.retiredOn === null || date < state.retiredOn);
}

export function cadreFactOn(state: CadreState, date: IsoDate): CadreFact | null {
  if (state.status === 'none') return null;
  const { agencyId, level, position } = postingOn(state, date);
  return { cadreId: state.cadreId, asOf: date, active: isActiveOn(state, date), agencyId, level, position };
}
