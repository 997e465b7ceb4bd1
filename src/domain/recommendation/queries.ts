import type { IsoDate } from '#events/common.js';
import type { RecommendationState } from './state.js';

/** Forwarded, unanswered, and past its due date. */
export function isOverdue(state: RecommendationState, today: IsoDate): boolean {
  return state.status === 'forwarded' && state.dueDate !== null && state.dueDate < today;
}
