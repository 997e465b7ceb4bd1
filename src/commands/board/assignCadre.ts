import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { CadreAssigned } from '#events/assignments.js';
import type { BoardEvent } from '#events/registry.js';
import { boardStream } from '#events/streams.js';
import { boardDecider, type AssignCadre, type BoardContexts, type BoardState } from '../../domain/board/index.js';
import { commandMetadata, dayStart, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { assignmentKey } from '../facts/streamKeys.js';
import { handleCommand } from '../handleCommand.js';
import { loadCadreAssignmentContext } from './cadreAssignmentContext.js';

export const AssignCadreInput = CadreAssigned.omit({ assignmentId: true }).strict();
export type AssignCadreInput = z.infer<typeof AssignCadreInput>;

/** On the board of the assigning committee; concurrent assignments to one board retry on the fresh state. */
export async function assignCadre(env: CommandEnv, input: AssignCadreInput): Promise<CommandOutcome> {
  const data = { assignmentId: randomUUID(), ...input };
  const result = await handleCommand<BoardState, AssignCadre, BoardEvent, BoardContexts['AssignCadre']>({
    ...envInput(env),
    streamId: boardStream(data.committeeUnitCode),
    decider: boardDecider,
    command: { type: 'AssignCadre', data, metadata: commandMetadata(env) },
    loadContext: () => loadCadreAssignmentContext(env.store, { ...data, firstDay: data.effectiveFrom }),
    occurredAt: () => dayStart(data.effectiveFrom),
    keys: () => [assignmentKey(data.assignmentId)],
  });
  return { id: data.assignmentId, result };
}
