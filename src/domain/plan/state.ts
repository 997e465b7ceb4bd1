import type { PlanEntry } from '#events/plans.js';
import type { PlanEvent } from '#events/registry.js';

export type PlanStatus = 'draft' | 'submitted' | 'approved' | 'rejected';

export interface DraftedPlan {
  readonly status: PlanStatus;
  readonly planId: string;
  readonly agencyId: string;
  readonly month: string;
  readonly entries: readonly PlanEntry[];
  readonly rejectionReason: string | null;
}

/** The monthly plan of one agency: draft → submitted → approved | rejected → (redraft) → submitted … */
export type PlanState = { readonly status: 'none' } | DraftedPlan;

export const initialState = (): PlanState => ({ status: 'none' });

export function evolve(state: PlanState, event: PlanEvent): PlanState {
  if (event.type === 'PlanDrafted') {
    return { status: 'draft', ...event.data, rejectionReason: state.status === 'none' ? null : state.rejectionReason };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PlanSubmitted':
      return { ...state, status: 'submitted' };
    case 'PlanApproved':
      return { ...state, status: 'approved' };
    case 'PlanRejected':
      return { ...state, status: 'rejected', rejectionReason: event.data.reason };
    default: {
      const _: never = event;
      return state;
    }
  }
}
