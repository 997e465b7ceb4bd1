import { z } from 'zod';
import { reason } from '#events/common.js';
import type { FieldworkEvent } from '#events/registry.js';
import { fieldworkDecider, type CancelVisit, type FieldworkContexts, type FieldworkState } from '../../domain/fieldwork/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';
import { findVisitStream } from './findFieldwork.js';

export const CancelVisitInput = z.object({ reason }).strict();
export type CancelVisitInput = z.infer<typeof CancelVisitInput>;

/** By the cadre who logged it, while it has no report. */
export async function cancelVisit(env: CommandEnv, visitId: string, input: CancelVisitInput): Promise<CommandOutcome> {
  const data = { visitId, ...input };
  const result = await handleCommand<FieldworkState, CancelVisit, FieldworkEvent, FieldworkContexts['CancelVisit']>({
    ...envInput(env),
    streamId: await findVisitStream(env.store, visitId),
    decider: fieldworkDecider,
    command: { type: 'CancelVisit', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => env.now,
  });
  return { id: visitId, result };
}
