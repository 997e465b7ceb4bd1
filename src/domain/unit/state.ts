import type { IsoDate, UnitLevel } from '#events/common.js';
import type { UnitEvent } from '#events/registry.js';
import type { UnitDissolved, UnitEstablished, UnitsMerged } from '#events/units.js';
import { insertDated, valueOn, type Dated } from '../dated.js';

export interface EstablishedUnit {
  readonly status: 'established';
  readonly established: UnitEstablished;
  readonly code: string;
  readonly level: UnitLevel;
  readonly names: ReadonlyArray<Dated<{ readonly name: string; readonly type: string }>>;
  readonly parents: ReadonlyArray<Dated<string | null>>;
  /** Merges into this unit recorded in its stream. */
  readonly merges: readonly UnitsMerged[];
  readonly dissolved: UnitDissolved | null;
}

export type UnitState = { readonly status: 'none' } | EstablishedUnit;

export const initialState = (): UnitState => ({ status: 'none' });

export function evolve(state: UnitState, event: UnitEvent): UnitState {
  if (state.status === 'none') {
    return event.type === 'UnitEstablished' ? establish(event.data) : state;
  }
  switch (event.type) {
    case 'UnitEstablished':
      return state;
    case 'UnitRenamed': {
      const current = valueOn(state.names, event.data.effectiveDate);
      const type = event.data.type ?? current?.type ?? state.established.type;
      return { ...state, names: insertDated(state.names, { from: event.data.effectiveDate, value: { name: event.data.name, type } }) };
    }
    case 'UnitReparented':
      return { ...state, parents: insertDated(state.parents, { from: event.data.effectiveDate, value: event.data.parentCode }) };
    case 'UnitsMerged':
      return { ...state, merges: [...state.merges, event.data] };
    case 'UnitDissolved':
      return { ...state, dissolved: event.data };
    default: {
      const _: never = event;
      return state;
    }
  }
}

function establish(data: UnitEstablished): EstablishedUnit {
  return {
    status: 'established',
    established: data,
    code: data.code,
    level: data.level,
    names: [{ from: data.effectiveDate, value: { name: data.name, type: data.type } }],
    parents: [{ from: data.effectiveDate, value: data.parentCode }],
    merges: [],
    dissolved: null,
  };
}
