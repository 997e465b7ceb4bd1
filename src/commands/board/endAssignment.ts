import type { z } from 'zod';
import { AssignmentEnded } from '#events/assignments.js';
import type { BoardEvent } from '#events/registry.js';
import { boardDecider, type BoardContexts, type BoardState, type EndAssignment } from '../../domain/board/index.js';
import { commandMetadata, dayStart, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';
import { findBoard } from './findBoard.js';

export const EndAssignmentInput = AssignmentEnded.omit({ assignmentId: true }).strict();
export type EndAssignmentInput = z.infer<typeof EndAssignmentInput>;

export async function endAssignment(env: CommandEnv, assignmentId: string, input: EndAssignmentInput): Promise<CommandOutcome> {
  const data = { assignmentId, ...input };
  const result = await handleCommand<BoardState, EndAssignment, BoardEvent, BoardContexts['EndAssignment']>({
    ...envInput(env),
    streamId: await findBoard(env.store, assignmentId),
    decider: boardDecider,
    command: { type: 'EndAssignment', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => dayStart(data.effectiveDate),
  });
  return { id: assignmentId, result };
}
