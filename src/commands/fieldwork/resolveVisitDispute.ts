import { z } from 'zod';
import { reason } from '#events/common.js';
import type { FieldworkEvent } from '#events/registry.js';
import { fieldworkDecider, type ResolveVisitDispute, type FieldworkContexts, type FieldworkState } from '../../domain/fieldwork/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';
import { loadCommitteeContext } from './committeeContext.js';
import { findVisitStream } from './findFieldwork.js';

export const ResolveVisitDisputeInput = z.object({ reason }).strict();
export type ResolveVisitDisputeInput = z.infer<typeof ResolveVisitDisputeInput>;

/** By the visited unit's committee (metadata.actor.unitCode), or its commune's for a hamlet. */
export async function resolveVisitDispute(env: CommandEnv, visitId: string, input: ResolveVisitDisputeInput): Promise<CommandOutcome> {
  const data = { visitId, ...input };
  const result = await handleCommand<FieldworkState, ResolveVisitDispute, FieldworkEvent, FieldworkContexts['ResolveVisitDispute']>({
    ...envInput(env),
    streamId: await findVisitStream(env.store, visitId),
    decider: fieldworkDecider,
    command: { type: 'ResolveVisitDispute', data, metadata: commandMetadata(env) },
    loadContext: (state) => loadCommitteeContext(env.store, state, visitId),
    occurredAt: () => env.now,
  });
  return { id: visitId, result };
}
