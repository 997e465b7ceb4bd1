import type { z } from 'zod';
import { CadrePositionChanged } from '#events/cadres.js';
import type { CadreEvent } from '#events/registry.js';
import { cadreStream } from '#events/streams.js';
import { cadreDecider, type CadreContexts, type CadreState, type ChangeCadrePosition } from '../../domain/cadre/index.js';
import { commandMetadata, dayStart, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';

export const ChangeCadrePositionInput = CadrePositionChanged.omit({ cadreId: true }).strict();
export type ChangeCadrePositionInput = z.infer<typeof ChangeCadrePositionInput>;

export async function changeCadrePosition(env: CommandEnv, cadreId: string, input: ChangeCadrePositionInput): Promise<CommandOutcome> {
  const data = { cadreId, ...input };
  const result = await handleCommand<CadreState, ChangeCadrePosition, CadreEvent, CadreContexts['ChangeCadrePosition']>({
    ...envInput(env),
    streamId: cadreStream(cadreId),
    decider: cadreDecider,
    command: { type: 'ChangeCadrePosition', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => dayStart(data.effectiveDate),
  });
  return { id: cadreId, result };
}
