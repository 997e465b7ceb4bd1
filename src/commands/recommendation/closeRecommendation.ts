import type { z } from 'zod';
import { RecommendationClosed } from '#events/recommendations.js';
import type { RecommendationEvent } from '#events/registry.js';
import { recommendationStream } from '#events/streams.js';
import {
  recommendationDecider, type CloseRecommendation, type RecommendationContexts, type RecommendationState,
} from '../../domain/recommendation/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';

export const CloseRecommendationInput = RecommendationClosed.omit({ recommendationId: true }).strict();
export type CloseRecommendationInput = z.infer<typeof CloseRecommendationInput>;

export async function closeRecommendation(env: CommandEnv, recommendationId: string, input: CloseRecommendationInput): Promise<CommandOutcome> {
  const data = { recommendationId, ...input };
  const result = await handleCommand<RecommendationState, CloseRecommendation, RecommendationEvent, RecommendationContexts['CloseRecommendation']>({
    ...envInput(env),
    streamId: recommendationStream(recommendationId),
    decider: recommendationDecider,
    command: { type: 'CloseRecommendation', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => env.now,
  });
  return { id: recommendationId, result };
}
