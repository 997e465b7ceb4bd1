import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { QuotaPolicyIssued } from '#events/policies.js';
import type { PolicyEvent } from '#events/registry.js';
import { policyStream } from '#events/streams.js';
import { policyDecider, type IssueQuotaPolicy, type PolicyContexts, type PolicyState } from '../../domain/policy/index.js';
import { commandMetadata, dayStart, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { loadUnitFact } from '../facts/unitFact.js';
import { handleCommand } from '../handleCommand.js';

export const IssuePolicyInput = QuotaPolicyIssued.omit({ policyId: true }).strict();
export type IssuePolicyInput = z.infer<typeof IssuePolicyInput>;

export async function issuePolicy(env: CommandEnv, input: IssuePolicyInput): Promise<CommandOutcome> {
  const data = { policyId: randomUUID(), ...input };
  const result = await handleCommand<PolicyState, IssueQuotaPolicy, PolicyEvent, PolicyContexts['IssueQuotaPolicy']>({
    ...envInput(env),
    streamId: policyStream(data.policyId),
    decider: policyDecider,
    command: { type: 'IssueQuotaPolicy', data, metadata: commandMetadata(env) },
    loadContext: async () => ({ issuingUnit: await loadUnitFact(env.store, data.issuingUnitCode, data.issuedOn) }),
    occurredAt: () => dayStart(data.issuedOn),
  });
  return { id: data.policyId, result };
}
