import type { z } from 'zod';
import { QuotaPolicyRepealed } from '#events/policies.js';
import type { PolicyEvent } from '#events/registry.js';
import { policyStream } from '#events/streams.js';
import { policyDecider, type PolicyContexts, type PolicyState, type RepealQuotaPolicy } from '../../domain/policy/index.js';
import { commandMetadata, dayStart, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';

export const RepealPolicyInput = QuotaPolicyRepealed.omit({ policyId: true }).strict();
export type RepealPolicyInput = z.infer<typeof RepealPolicyInput>;

export async function repealPolicy(env: CommandEnv, policyId: string, input: RepealPolicyInput): Promise<CommandOutcome> {
  const data = { policyId, ...input };
  const result = await handleCommand<PolicyState, RepealQuotaPolicy, PolicyEvent, PolicyContexts['RepealQuotaPolicy']>({
    ...envInput(env),
    streamId: policyStream(policyId),
    decider: policyDecider,
    command: { type: 'RepealQuotaPolicy', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => dayStart(data.effectiveDate),
  });
  return { id: policyId, result };
}
