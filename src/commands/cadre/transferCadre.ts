import type { z } from 'zod';
import { CadreTransferred } from '#events/cadres.js';
import type { CadreEvent } from '#events/registry.js';
import { cadreStream } from '#events/streams.js';
import { cadreDecider, type CadreContexts, type CadreState, type TransferCadre } from '../../domain/cadre/index.js';
import { commandMetadata, dayStart, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { loadAgencyFact } from '../facts/streamFacts.js';
import { handleCommand } from '../handleCommand.js';

export const TransferCadreInput = CadreTransferred.omit({ cadreId: true, fromAgencyId: true }).strict();
export type TransferCadreInput = z.infer<typeof TransferCadreInput>;

export async function transferCadre(env: CommandEnv, cadreId: string, input: TransferCadreInput): Promise<CommandOutcome> {
  const data = { cadreId, ...input };
  const result = await handleCommand<CadreState, TransferCadre, CadreEvent, CadreContexts['TransferCadre']>({
    ...envInput(env),
    streamId: cadreStream(cadreId),
    decider: cadreDecider,
    command: { type: 'TransferCadre', data, metadata: commandMetadata(env) },
    loadContext: async () => ({ agency: await loadAgencyFact(env.store, data.toAgencyId) }),
    occurredAt: () => dayStart(data.effectiveDate),
  });
  return { id: cadreId, result };
}
