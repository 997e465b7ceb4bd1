import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AgencyAssignedToSupportUnit } from '#events/assignments.js';
import type { BoardEvent } from '#events/registry.js';
import { boardStream } from '#events/streams.js';
import { boardDecider, type AssignAgencyToSupportUnit, type BoardContexts, type BoardState } from '../../domain/board/index.js';
import { commandMetadata, dayStart, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { loadAgencyFact } from '../facts/streamFacts.js';
import { assignmentKey } from '../facts/streamKeys.js';
import { loadUnitFact } from '../facts/unitFact.js';
import { handleCommand } from '../handleCommand.js';

export const AssignAgencyInput = AgencyAssignedToSupportUnit.omit({ assignmentId: true }).strict();
export type AssignAgencyInput = z.infer<typeof AssignAgencyInput>;

export async function assignAgencyToSupportUnit(env: CommandEnv, input: AssignAgencyInput): Promise<CommandOutcome> {
  const data = { assignmentId: randomUUID(), ...input };
  const result = await handleCommand<BoardState, AssignAgencyToSupportUnit, BoardEvent, BoardContexts['AssignAgencyToSupportUnit']>({
    ...envInput(env),
    streamId: boardStream(data.committeeUnitCode),
    decider: boardDecider,
    command: { type: 'AssignAgencyToSupportUnit', data, metadata: commandMetadata(env) },
    loadContext: async () => ({
      unit: await loadUnitFact(env.store, data.unitCode, data.effectiveFrom),
      agency: await loadAgencyFact(env.store, data.agencyId),
    }),
    occurredAt: () => dayStart(data.effectiveFrom),
    keys: () => [assignmentKey(data.assignmentId)],
  });
  return { id: data.assignmentId, result };
}
