import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { VisitLogged } from '#events/fieldwork.js';
import type { FieldworkEvent } from '#events/registry.js';
import { fieldworkStream } from '#events/streams.js';
import { fieldworkDecider, visitPeriods, type FieldworkContexts, type FieldworkState, type LogVisit } from '../../domain/fieldwork/index.js';
import { yearOf } from '../../domain/time.js';
import { commandMetadata, dayStart, envInput, transcribed, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { loadState } from '../facts/loadState.js';
import { loadCadreFact, loadPlanFact } from '../facts/streamFacts.js';
import { visitKey } from '../facts/streamKeys.js';
import { loadUnitFact } from '../facts/unitFact.js';
import { handleCommand } from '../handleCommand.js';

export const LogVisitInput = VisitLogged.omit({ visitId: true, transcribedFrom: true }).strict();
export type LogVisitInput = z.infer<typeof LogVisitInput>;

/** In the stream of the cadre and the year the visit starts; the years around it are read for overlaps. */
export async function logVisit(env: CommandEnv, input: LogVisitInput): Promise<CommandOutcome> {
  const data = { visitId: randomUUID(), ...input, ...transcribed(env) };
  const year = yearOf(data.startDate);
  const result = await handleCommand<FieldworkState, LogVisit, FieldworkEvent, FieldworkContexts['LogVisit']>({
    ...envInput(env),
    streamId: fieldworkStream(data.cadreId, year),
    decider: fieldworkDecider,
    command: { type: 'LogVisit', data, metadata: commandMetadata(env) },
    loadContext: async () => {
      const [unit, cadre, before, after, plan] = await Promise.all([
        loadUnitFact(env.store, data.unitCode, data.startDate),
        loadCadreFact(env.store, data.cadreId, data.startDate),
        loadState(env.store, fieldworkStream(data.cadreId, year - 1), fieldworkDecider),
        loadState(env.store, fieldworkStream(data.cadreId, year + 1), fieldworkDecider),
        data.planId === undefined ? null : loadPlanFact(env.store, data.planId),
      ]);
      return { unit, cadre, otherYearVisits: [...visitPeriods(before), ...visitPeriods(after)], plan };
    },
    occurredAt: () => dayStart(data.startDate),
    keys: () => [visitKey(data.visitId)],
  });
  return { id: data.visitId, result };
}
