import { z } from 'zod';
import type { FieldworkEvent } from '#events/registry.js';
import { fieldworkDecider, type ConfirmVisit, type FieldworkContexts, type FieldworkState } from '../../domain/fieldwork/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';
import { loadCommitteeContext } from './committeeContext.js';
import { findVisitStream } from './findFieldwork.js';

export const ConfirmVisitInput = z.object({}).strict();
export type ConfirmVisitInput = z.infer<typeof ConfirmVisitInput>;

/** By the visited unit's committee (metadata.actor.unitCode), or its commune's for a hamlet. */
export async function confirmVisit(env: CommandEnv, visitId: string, input: ConfirmVisitInput): Promise<CommandOutcome> {
  const data = { visitId, ...input };
  const result = await handleCommand<FieldworkState, ConfirmVisit, FieldworkEvent, FieldworkContexts['ConfirmVisit']>({
    ...envInput(env),
    streamId: await findVisitStream(env.store, visitId),
    decider: fieldworkDecider,
    command: { type: 'ConfirmVisit', data, metadata: commandMetadata(env) },
    loadContext: (state) => loadCommitteeContext(env.store, state, visitId),
    occurredAt: () => env.now,
  });
  return { id: visitId, result };
}
