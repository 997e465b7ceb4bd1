import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { CadreEvaluated } from '#events/evaluations.js';
import type { EventStore } from '../../store/EventStore.js';
import type { EvaluationEvent } from '#events/registry.js';
import { boardStream, evaluationStream } from '#events/streams.js';
import { assignmentPeriodsOf, boardDecider } from '../../domain/board/index.js';
import { evaluationDecider, type EvaluateCadre, type EvaluationContexts, type EvaluationState } from '../../domain/evaluation/index.js';
import type { AssignmentPeriodFact } from '../../domain/facts.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { loadState } from '../facts/loadState.js';
import { evaluationKey } from '../facts/streamKeys.js';
import { unitAndAncestors } from '../facts/unitFact.js';
import { handleCommand } from '../handleCommand.js';

export const EvaluateCadreInput = CadreEvaluated.omit({ evaluationId: true }).strict();
export type EvaluateCadreInput = z.infer<typeof EvaluateCadreInput>;

/** By the commune's committee, for a cadre who followed the commune during the year. */
export async function evaluateCadre(env: CommandEnv, input: EvaluateCadreInput): Promise<CommandOutcome> {
  const data = { evaluationId: randomUUID(), ...input };
  const result = await handleCommand<EvaluationState, EvaluateCadre, EvaluationEvent, EvaluationContexts['EvaluateCadre']>({
    ...envInput(env),
    streamId: evaluationStream(data.committeeUnitCode, data.year),
    decider: evaluationDecider,
    command: { type: 'EvaluateCadre', data, metadata: commandMetadata(env) },
    loadContext: async () => ({ assignments: await assignmentsOf(env.store, data.cadreId, data.committeeUnitCode, data.year) }),
    occurredAt: () => env.now,
    keys: () => [evaluationKey(data.evaluationId)],
  });
  return { id: data.evaluationId, result };
}

/**
 * The cadre's assignments to the commune on every board that could have made them: the commune's
 * own and its ancestors' (as they stood at either end of the year, since a 2025-style reform can
 * change a commune's district mid-year).
 */
async function assignmentsOf(store: EventStore, cadreId: string, communeCode: string, year: number): Promise<AssignmentPeriodFact[]> {
  const scopes = await Promise.all([`${year}-01-01`, `${year}-12-31`].map((date) => unitAndAncestors(store, communeCode, date)));
  const committees = [...new Set(scopes.flat())];
  const boards = await Promise.all(committees.map((code) => loadState(store, boardStream(code), boardDecider)));
  return boards.flatMap((board) => assignmentPeriodsOf(board, cadreId, communeCode));
}
