import type { z } from 'zod';
import { CadreRetired } from '#events/cadres.js';
import type { CadreEvent } from '#events/registry.js';
import { cadreStream } from '#events/streams.js';
import { cadreDecider, type CadreContexts, type CadreState, type RetireCadre } from '../../domain/cadre/index.js';
import { commandMetadata, dayStart, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';

export const RetireCadreInput = CadreRetired.omit({ cadreId: true }).strict();
export type RetireCadreInput = z.infer<typeof RetireCadreInput>;

export async function retireCadre(env: CommandEnv, cadreId: string, input: RetireCadreInput): Promise<CommandOutcome> {
  const data = { cadreId, ...input };
  const result = await handleCommand<CadreState, RetireCadre, CadreEvent, CadreContexts['RetireCadre']>({
    ...envInput(env),
    streamId: cadreStream(cadreId),
    decider: cadreDecider,
    command: { type: 'RetireCadre', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => dayStart(data.effectiveDate),
  });
  return { id: cadreId, result };
}
