import type { RecommendationEvent } from '#events/registry.js';
import { recommendationStream } from '#events/streams.js';
import { reportFact } from '../../domain/fieldwork/index.js';
import { fieldworkDecider } from '../../domain/fieldwork/index.js';
import {
  recommendationDecider, type RaiseRecommendation, type RecommendationContexts, type RecommendationState,
} from '../../domain/recommendation/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { loadState } from '../facts/loadState.js';
import { handleCommand } from '../handleCommand.js';

/**
 * The process after ReportFiled (src/domain/README "Processes"): one recommendation stream per
 * recommendation the report lists. `env.metadata.causationId` should be the ReportFiled event's id.
 */
export async function raiseRecommendation(
  env: CommandEnv, query: { fieldworkStreamId: string; reportId: string; recommendationId: string },
): Promise<CommandOutcome> {
  const data = { recommendationId: query.recommendationId, reportId: query.reportId };
  const result = await handleCommand<RecommendationState, RaiseRecommendation, RecommendationEvent, RecommendationContexts['RaiseRecommendation']>({
    ...envInput(env),
    streamId: recommendationStream(data.recommendationId),
    decider: recommendationDecider,
    command: { type: 'RaiseRecommendation', data, metadata: commandMetadata(env) },
    loadContext: async () => ({
      report: reportFact(await loadState(env.store, query.fieldworkStreamId, fieldworkDecider), data.reportId),
    }),
    occurredAt: () => env.now,
  });
  return { id: data.recommendationId, result };
}
