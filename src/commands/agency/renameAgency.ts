import type { z } from 'zod';
import { AgencyRenamed } from '#events/agencies.js';
import type { AgencyEvent } from '#events/registry.js';
import { agencyStream } from '#events/streams.js';
import { agencyDecider, type AgencyContexts, type AgencyState, type RenameAgency } from '../../domain/agency/index.js';
import { commandMetadata, dayStart, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';

export const RenameAgencyInput = AgencyRenamed.omit({ agencyId: true }).strict();
export type RenameAgencyInput = z.infer<typeof RenameAgencyInput>;

export async function renameAgency(env: CommandEnv, agencyId: string, input: RenameAgencyInput): Promise<CommandOutcome> {
  const data = { agencyId, ...input };
  const result = await handleCommand<AgencyState, RenameAgency, AgencyEvent, AgencyContexts['RenameAgency']>({
    ...envInput(env),
    streamId: agencyStream(agencyId),
    decider: agencyDecider,
    command: { type: 'RenameAgency', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => dayStart(data.effectiveDate),
  });
  return { id: agencyId, result };
}
