import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { CadreRotated } from '#events/assignments.js';
import type { BoardEvent } from '#events/registry.js';
import { boardStream } from '#events/streams.js';
import { boardDecider, type BoardContexts, type BoardState, type RotateCadre } from '../../domain/board/index.js';
import { commandMetadata, dayStart, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { assignmentKey } from '../facts/streamKeys.js';
import { handleCommand } from '../handleCommand.js';
import { loadCadreAssignmentContext } from './cadreAssignmentContext.js';

export const RotateCadreInput = CadreRotated.omit({ assignmentId: true }).strict();
export type RotateCadreInput = z.infer<typeof RotateCadreInput>;

/** Ends `endedAssignmentId` and starts a new assignment on the same board, in one event. */
export async function rotateCadre(env: CommandEnv, input: RotateCadreInput): Promise<CommandOutcome> {
  const data = { assignmentId: randomUUID(), ...input };
  const result = await handleCommand<BoardState, RotateCadre, BoardEvent, BoardContexts['RotateCadre']>({
    ...envInput(env),
    streamId: boardStream(data.committeeUnitCode),
    decider: boardDecider,
    command: { type: 'RotateCadre', data, metadata: commandMetadata(env) },
    loadContext: () => loadCadreAssignmentContext(env.store, { ...data, firstDay: data.effectiveDate }),
    occurredAt: () => dayStart(data.effectiveDate),
    keys: () => [assignmentKey(data.assignmentId)],
  });
  return { id: data.assignmentId, result };
}
