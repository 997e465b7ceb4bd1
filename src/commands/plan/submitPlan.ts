import type { z } from 'zod';
import { PlanSubmitted } from '#events/plans.js';
import type { PlanEvent } from '#events/registry.js';
import { planDecider, type SubmitPlan, type PlanContexts, type PlanState } from '../../domain/plan/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { handleCommand } from '../handleCommand.js';
import { findPlan } from './findPlan.js';

export const SubmitPlanInput = PlanSubmitted.omit({ planId: true }).strict();
export type SubmitPlanInput = z.infer<typeof SubmitPlanInput>;

export async function submitPlan(env: CommandEnv, planId: string, input: SubmitPlanInput): Promise<CommandOutcome> {
  const data = { planId, ...input };
  const result = await handleCommand<PlanState, SubmitPlan, PlanEvent, PlanContexts['SubmitPlan']>({
    ...envInput(env),
    streamId: await findPlan(env.store, planId),
    decider: planDecider,
    command: { type: 'SubmitPlan', data, metadata: commandMetadata(env) },
    loadContext: async () => ({}),
    occurredAt: () => env.now,
  });
  return { id: planId, result };
}
