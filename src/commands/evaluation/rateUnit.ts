import type { z } from 'zod';
import { UnitRated } from '#events/evaluations.js';
import type { EvaluationEvent } from '#events/registry.js';
import { evaluationStream } from '#events/streams.js';
import { evaluationDecider, type EvaluationContexts, type EvaluationState, type RateUnit } from '../../domain/evaluation/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { loadUnitFact } from '../facts/unitFact.js';
import { handleCommand } from '../handleCommand.js';

export const RateUnitInput = UnitRated;
export type RateUnitInput = z.infer<typeof RateUnitInput>;

/** A commune's yearly rating by its superior committee; the answer's id is the rated unit's code. */
export async function rateUnit(env: CommandEnv, input: RateUnitInput): Promise<CommandOutcome> {
  const data = { ...input };
  const result = await handleCommand<EvaluationState, RateUnit, EvaluationEvent, EvaluationContexts['RateUnit']>({
    ...envInput(env),
    streamId: evaluationStream(data.committeeUnitCode, data.year),
    decider: evaluationDecider,
    command: { type: 'RateUnit', data, metadata: commandMetadata(env) },
    loadContext: async () => ({ unit: await loadUnitFact(env.store, data.unitCode, `${data.year}-12-31`) }),
    occurredAt: () => env.now,
  });
  return { id: data.unitCode, result };
}
