import type { z } from 'zod';
import { RecommendationAnswered } from '#events/recommendations.js';
import type { RecommendationEvent } from '#events/registry.js';
import { recommendationStream } from '#events/streams.js';
import {
  recommendationDecider, type AnswerRecommendation, type RecommendationContexts, type RecommendationState,
} from '../../domain/recommendation/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';

export const AnswerRecommendationInput = RecommendationAnswered.pick({ answer: true }).strict();
export type AnswerRecommendationInput = z.infer<typeof AnswerRecommendationInput>;

/** By the agency it was forwarded to (metadata.actor.agencyId). */
export async function answerRecommendation(env: CommandEnv, recommendationId: string, input: AnswerRecommendationInput): Promise<CommandOutcome> {
  const data = { recommendationId, ...input };
  const result = await handleCommand<RecommendationState, AnswerRecommendation, RecommendationEvent, RecommendationContexts['AnswerRecommendation']>({
    ...envInput(env),
    streamId: recommendationStream(recommendationId),
    decider: recommendationDecider,
    command: { type: 'AnswerRecommendation', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => env.now,
  });
  return { id: recommendationId, result };
}
