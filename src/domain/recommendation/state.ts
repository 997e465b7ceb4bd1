import type { RecommendationRaised } from '#events/recommendations.js';
import type { RecommendationEvent } from '#events/registry.js';

export type RecommendationStatus = 'raised' | 'forwarded' | 'answered' | 'closed';

export interface OpenedRecommendation {
  readonly status: RecommendationStatus;
  readonly raised: RecommendationRaised;
  /** The agency it was last forwarded to, which alone may answer. */
  readonly forwardedTo: string | null;
  readonly dueDate: string | null;
  readonly answers: ReadonlyArray<{ readonly agencyId: string; readonly answer: string }>;
}

/** raised → forwarded → answered → closed; closed → reopened (back to forwarded, or raised if never forwarded). */
export type RecommendationState = { readonly status: 'none' } | OpenedRecommendation;

export const initialState = (): RecommendationState => ({ status: 'none' });

export function evolve(state: RecommendationState, event: RecommendationEvent): RecommendationState {
  if (state.status === 'none') {
    if (event.type !== 'RecommendationRaised') return state;
    return { status: 'raised', raised: event.data, forwardedTo: null, dueDate: null, answers: [] };
  }
  switch (event.type) {
    case 'RecommendationRaised':
      return state;
    case 'RecommendationForwarded':
      return { ...state, status: 'forwarded', forwardedTo: event.data.agencyId, dueDate: event.data.dueDate };
    case 'RecommendationAnswered':
      return { ...state, status: 'answered', answers: [...state.answers, { agencyId: event.data.agencyId, answer: event.data.answer }] };
    case 'RecommendationClosed':
      return { ...state, status: 'closed' };
    case 'RecommendationReopened':
      return { ...state, status: state.forwardedTo === null ? 'raised' : 'forwarded' };
    default: {
      const _: never = event;
      return state;
    }
  }
}
