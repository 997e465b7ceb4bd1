import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CadreRegistered } from '#events/cadres.js';
import { isoDate, text } from '#events/common.js';
import type { CadreEvent } from '#events/registry.js';
import { cadreStream } from '#events/streams.js';
import { cadreDecider, type CadreContexts, type CadreState, type RegisterCadre } from '../../domain/cadre/index.js';
import { DomainError } from '../../domain/errors.js';
import type { PersonalDataVault } from '../../ledger/postgres/personalData.js';
import { commandMetadata, envInput, todayOf, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { loadAgencyFact } from '../facts/streamFacts.js';
import { handleCommand } from '../handleCommand.js';

/** The plain personal fields arrive here and leave only as commitments (events/README "Personal data"). */
export const RegisterCadreInput = CadreRegistered.omit({ cadreId: true, fullName: true, dateOfBirth: true, phone: true })
  .extend({
    fullName: text(200),
    dateOfBirth: isoDate,
    phone: z.string().regex(/^\+?[0-9 .-]{6,20}$/, 'expected a phone number').optional(),
  })
  .strict();
export type RegisterCadreInput = z.infer<typeof RegisterCadreInput>;

export async function registerCadre(env: CommandEnv, vault: PersonalDataVault, input: RegisterCadreInput): Promise<CommandOutcome> {
  const { fullName, dateOfBirth, phone, ...rest } = input;
  if (dateOfBirth > todayOf(env)) throw new DomainError('DATE_IN_FUTURE', undefined, 'dateOfBirth');
  const personal = await vault.commit({ fullName, dateOfBirth, ...(phone !== undefined ? { phone } : {}) });
  const { fullName: fullNameCommitment, dateOfBirth: dateOfBirthCommitment, phone: phoneCommitment } = personal;
  if (fullNameCommitment === undefined || dateOfBirthCommitment === undefined) throw new Error('the vault returned no commitment');
  const data = {
    cadreId: randomUUID(),
    fullName: { commitment: fullNameCommitment.commitment },
    dateOfBirth: { commitment: dateOfBirthCommitment.commitment },
    ...(phoneCommitment !== undefined ? { phone: { commitment: phoneCommitment.commitment } } : {}),
    ...rest,
  };
  try {
    const result = await handleCommand<CadreState, RegisterCadre, CadreEvent, CadreContexts['RegisterCadre']>({
      ...envInput(env),
      streamId: cadreStream(data.cadreId),
      decider: cadreDecider,
      command: { type: 'RegisterCadre', data, metadata: commandMetadata(env) },
      loadContext: async () => ({ agency: await loadAgencyFact(env.store, data.agencyId) }),
      occurredAt: () => env.now,
    });
    return { id: data.cadreId, result };
  } catch (err) {
    // Nothing is written on an error: the values committed above belong to no event.
    await vault.erase(Object.values(personal).map(({ commitment }) => commitment));
    throw err;
  }
}
