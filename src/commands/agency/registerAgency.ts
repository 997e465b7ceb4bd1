import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AgencyRegistered } from '#events/agencies.js';
import type { AgencyEvent } from '#events/registry.js';
import { agencyStream } from '#events/streams.js';
import { agencyDecider, type AgencyContexts, type AgencyState, type RegisterAgency } from '../../domain/agency/index.js';
import { commandMetadata, envInput, todayOf, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { loadUnitFact } from '../facts/unitFact.js';
import { handleCommand } from '../handleCommand.js';

export const RegisterAgencyInput = AgencyRegistered.omit({ agencyId: true }).strict();
export type RegisterAgencyInput = z.infer<typeof RegisterAgencyInput>;

export async function registerAgency(env: CommandEnv, input: RegisterAgencyInput): Promise<CommandOutcome> {
  const data = { agencyId: randomUUID(), ...input };
  const result = await handleCommand<AgencyState, RegisterAgency, AgencyEvent, AgencyContexts['RegisterAgency']>({
    ...envInput(env),
    streamId: agencyStream(data.agencyId),
    decider: agencyDecider,
    command: { type: 'RegisterAgency', data, metadata: commandMetadata(env) },
    loadContext: async () => ({ unit: await loadUnitFact(env.store, data.unitCode, todayOf(env)) }),
    occurredAt: () => env.now,
  });
  return { id: data.agencyId, result };
}
