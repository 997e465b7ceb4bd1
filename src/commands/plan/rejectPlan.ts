import type { z } from 'zod';
import { PlanRejected } from '#events/plans.js';
import type { PlanEvent } from '#events/registry.js';
import { planDecider, type RejectPlan, type PlanContexts, type PlanState } from '../../domain/plan/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';
import { findPlan } from './findPlan.js';

export const RejectPlanInput = PlanRejected.omit({ planId: true }).strict();
export type RejectPlanInput = z.infer<typeof RejectPlanInput>;

export async function rejectPlan(env: CommandEnv, planId: string, input: RejectPlanInput): Promise<CommandOutcome> {
  const data = { planId, ...input };
  const result = await handleCommand<PlanState, RejectPlan, PlanEvent, PlanContexts['RejectPlan']>({
    ...envInput(env),
    streamId: await findPlan(env.store, planId),
    decider: planDecider,
    command: { type: 'RejectPlan', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => env.now,
  });
  return { id: planId, result };
}
