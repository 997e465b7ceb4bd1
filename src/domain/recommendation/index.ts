import type { RecommendationEvent } from '#events/registry.js';
import type { Decider } from '../decider.js';
import type { RecommendationCommand, RecommendationContexts } from './commands.js';
import { decide } from './decide.js';
import { evolve, initialState, type RecommendationState, type RecommendationStatus } from './state.js';

export * from './commands.js';
export * from './queries.js';
export { decide, evolve, initialState, type RecommendationState, type RecommendationStatus };

export const recommendationDecider: Decider<RecommendationState, RecommendationCommand, RecommendationEvent, RecommendationContexts> = {
  initialState, evolve, decide,
};
