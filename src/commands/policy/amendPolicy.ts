import { policyTerms } from '#events/policies.js';
import { decisionRef, isoDate } from '#events/common.js';
import { z } from 'zod';
import type { PolicyEvent } from '#events/registry.js';
import { policyStream } from '#events/streams.js';
import { policyDecider, type AmendQuotaPolicy, type PolicyContexts, type PolicyState } from '../../domain/policy/index.js';
import { commandMetadata, dayStart, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';

// QuotaPolicyAmended's `changes` carries a refinement, which zod's omit() refuses: restated here.
export const AmendPolicyInput = z.object({
  amendmentRef: decisionRef,
  effectiveFrom: isoDate,
  changes: policyTerms.partial().refine((changes) => Object.keys(changes).length > 0, { message: 'nothing amended' }),
}).strict();
export type AmendPolicyInput = z.infer<typeof AmendPolicyInput>;

export async function amendPolicy(env: CommandEnv, policyId: string, input: AmendPolicyInput): Promise<CommandOutcome> {
  const data = { policyId, ...input };
  const result = await handleCommand<PolicyState, AmendQuotaPolicy, PolicyEvent, PolicyContexts['AmendQuotaPolicy']>({
    ...envInput(env),
    streamId: policyStream(policyId),
    decider: policyDecider,
    command: { type: 'AmendQuotaPolicy', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => dayStart(data.effectiveFrom),
  });
  return { id: policyId, result };
}
