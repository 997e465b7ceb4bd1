import type { AgencyRegistered } from '#events/agencies.js';
import type { AgencyEvent } from '#events/registry.js';

export interface RegisteredAgency extends AgencyRegistered {
  readonly status: 'registered';
}

export type AgencyState = { readonly status: 'none' } | RegisteredAgency;

export const initialState = (): AgencyState => ({ status: 'none' });

export function evolve(state: AgencyState, event: AgencyEvent): AgencyState {
  switch (event.type) {
    case 'AgencyRegistered':
      return state.status === 'none' ? { status: 'registered', ...event.data } : state;
    case 'AgencyRenamed':
      return state.status === 'registered' ? { ...state, name: event.data.name } : state;
    default: {
      const _: never = event;
      return state;
    }
  }
}
