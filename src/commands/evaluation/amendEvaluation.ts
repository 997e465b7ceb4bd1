import { z } from 'zod';
import { rating, reason, text } from '#events/common.js';
import type { EvaluationEvent } from '#events/registry.js';
import { DomainError } from '../../domain/errors.js';
import { evaluationDecider, type AmendCadreEvaluation, type EvaluationContexts, type EvaluationState } from '../../domain/evaluation/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { evaluationKey } from '../facts/streamKeys.js';
import { handleCommand } from '../handleCommand.js';

// CadreEvaluationAmended carries a refinement, which zod's omit() refuses: its fields are restated.
export const AmendEvaluationInput = z.object({
  reason,
  rating: rating.optional(),
  comments: text(10000).optional(),
}).strict();
export type AmendEvaluationInput = z.infer<typeof AmendEvaluationInput>;

export async function amendEvaluation(env: CommandEnv, evaluationId: string, input: AmendEvaluationInput): Promise<CommandOutcome> {
  const streamId = await env.store.lookupStream(evaluationKey(evaluationId));
  if (streamId === null) throw new DomainError('EVALUATION_NOT_FOUND', undefined, 'evaluationId');
  const data = { evaluationId, ...input };
  const result = await handleCommand<EvaluationState, AmendCadreEvaluation, EvaluationEvent, EvaluationContexts['AmendCadreEvaluation']>({
    ...envInput(env),
    streamId,
    decider: evaluationDecider,
    command: { type: 'AmendCadreEvaluation', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => env.now,
  });
  return { id: evaluationId, result };
}
