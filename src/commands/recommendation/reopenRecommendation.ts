import type { z } from 'zod';
import { RecommendationReopened } from '#events/recommendations.js';
import type { RecommendationEvent } from '#events/registry.js';
import { recommendationStream } from '#events/streams.js';
import {
  recommendationDecider, type ReopenRecommendation, type RecommendationContexts, type RecommendationState,
} from '../../domain/recommendation/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';

export const ReopenRecommendationInput = RecommendationReopened.omit({ recommendationId: true }).strict();
export type ReopenRecommendationInput = z.infer<typeof ReopenRecommendationInput>;

export async function reopenRecommendation(env: CommandEnv, recommendationId: string, input: ReopenRecommendationInput): Promise<CommandOutcome> {
  const data = { recommendationId, ...input };
  const result = await handleCommand<RecommendationState, ReopenRecommendation, RecommendationEvent, RecommendationContexts['ReopenRecommendation']>({
    ...envInput(env),
    streamId: recommendationStream(recommendationId),
    decider: recommendationDecider,
    command: { type: 'ReopenRecommendation', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => env.now,
  });
  return { id: recommendationId, result };
}
