import type { z } from 'zod';
import { PlanApproved } from '#events/plans.js';
import type { PlanEvent } from '#events/registry.js';
import { planDecider, type ApprovePlan, type PlanContexts, type PlanState } from '../../domain/plan/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';
import { findPlan } from './findPlan.js';

export const ApprovePlanInput = PlanApproved.omit({ planId: true }).strict();
export type ApprovePlanInput = z.infer<typeof ApprovePlanInput>;

export async function approvePlan(env: CommandEnv, planId: string, input: ApprovePlanInput): Promise<CommandOutcome> {
  const data = { planId, ...input };
  const result = await handleCommand<PlanState, ApprovePlan, PlanEvent, PlanContexts['ApprovePlan']>({
    ...envInput(env),
    streamId: await findPlan(env.store, planId),
    decider: planDecider,
    command: { type: 'ApprovePlan', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => env.now,
  });
  return { id: planId, result };
}
