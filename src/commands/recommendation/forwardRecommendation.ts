import type { z } from 'zod';
import { RecommendationForwarded } from '#events/recommendations.js';
import type { RecommendationEvent } from '#events/registry.js';
import { recommendationStream } from '#events/streams.js';
import {
  recommendationDecider, type ForwardRecommendation, type RecommendationContexts, type RecommendationState,
} from '../../domain/recommendation/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { loadAgencyFact } from '../facts/streamFacts.js';
import { handleCommand } from '../handleCommand.js';

export const ForwardRecommendationInput = RecommendationForwarded.omit({ recommendationId: true }).strict();
export type ForwardRecommendationInput = z.infer<typeof ForwardRecommendationInput>;

export async function forwardRecommendation(env: CommandEnv, recommendationId: string, input: ForwardRecommendationInput): Promise<CommandOutcome> {
  const data = { recommendationId, ...input };
  const result = await handleCommand<RecommendationState, ForwardRecommendation, RecommendationEvent, RecommendationContexts['ForwardRecommendation']>({
    ...envInput(env),
    streamId: recommendationStream(recommendationId),
    decider: recommendationDecider,
    command: { type: 'ForwardRecommendation', data, metadata: commandMetadata(env) },
    loadContext: async () => ({ agency: await loadAgencyFact(env.store, data.agencyId) }),
    occurredAt: () => env.now,
  });
  return { id: recommendationId, result };
}
