import type { z } from 'zod';
import { CadrePersonalDataErased } from '#events/cadres.js';
import type { CadreEvent } from '#events/registry.js';
import { cadreStream } from '#events/streams.js';
import { cadreDecider, type CadreContexts, type CadreState, type EraseCadrePersonalData } from '../../domain/cadre/index.js';
import type { PersonalDataVault } from '../../ledger/postgres/personalData.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';

export const EraseCadrePersonalDataInput = CadrePersonalDataErased.omit({ cadreId: true }).strict();
export type EraseCadrePersonalDataInput = z.infer<typeof EraseCadrePersonalDataInput>;

/**
 * Records the erasure, then deletes the values. In that order: if the deletion fails the event
 * still says what must go and a retry (the vault's erase is idempotent) finishes it; the other
 * order could lose values with no record of why.
 */
export async function eraseCadrePersonalData(
  env: CommandEnv, vault: PersonalDataVault, cadreId: string, input: EraseCadrePersonalDataInput,
): Promise<CommandOutcome> {
  const data = { cadreId, ...input };
  let commitments: string[] = [];
  const result = await handleCommand<CadreState, EraseCadrePersonalData, CadreEvent, CadreContexts['EraseCadrePersonalData']>({
    ...envInput(env),
    streamId: cadreStream(cadreId),
    decider: cadreDecider,
    command: { type: 'EraseCadrePersonalData', data, metadata: commandMetadata(env) },
    loadContext: async (state) => {
      if (state.status === 'registered') {
        commitments = data.fields.flatMap((field) => state.registered[field]?.commitment ?? []);
      }
      return {};
    },
    occurredAt: () => env.now,
  });
  await vault.erase(commitments);
  return { id: cadreId, result };
}
