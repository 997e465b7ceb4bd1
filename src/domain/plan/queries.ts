import type { PlanFact } from '../facts.js';
import type { PlanState } from './state.js';

export function planFact(state: PlanState): PlanFact | null {
  if (state.status === 'none') return null;
  return { planId: state.planId, status: state.status, entries: state.entries.map(({ cadreId, unitCode }) => ({ cadreId, unitCode })) };
}
