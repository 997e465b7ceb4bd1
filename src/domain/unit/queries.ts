import type { IsoDate } from '#events/common.js';
import type { UnitFact } from '../facts.js';
import { valueOn } from '../dated.js';
import type { EstablishedUnit, UnitState } from './state.js';

export type UnitStatus = 'unknown' | 'not-yet-established' | 'active' | 'ceased';

export function unitStatusOn(state: UnitState, date: IsoDate): UnitStatus {
  if (state.status === 'none') return 'unknown';
  if (date < state.established.effectiveDate) return 'not-yet-established';
  if (state.dissolved !== null && date >= state.dissolved.effectiveDate) return 'ceased';
  return 'active';
}

export function isActiveOn(state: UnitState, date: IsoDate): state is EstablishedUnit {
  return unitStatusOn(state, date) === 'active';
}

export function nameOn(state: EstablishedUnit, date: IsoDate): { name: string; type: string } | undefined {
  return valueOn(state.names, date);
}

export function parentOn(state: EstablishedUnit, date: IsoDate): string | null | undefined {
  return valueOn(state.parents, date);
}

/**
 * The fact a decide context needs. `ancestors` comes from walking `parentOn` up the parents'
 * streams, which only the handler can load.
 */
export function unitFactOn(state: UnitState, date: IsoDate, ancestors: UnitFact['ancestors']): UnitFact | null {
  if (state.status === 'none') return null;
  return { code: state.code, level: state.level, asOf: date, active: isActiveOn(state, date), ancestors };
}
