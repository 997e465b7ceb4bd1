import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { PlanDrafted } from '#events/plans.js';
import type { PlanEvent } from '#events/registry.js';
import { planStream } from '#events/streams.js';
import { planDecider, type DraftPlan, type PlanContexts, type PlanState } from '../../domain/plan/index.js';
import { commandMetadata, envInput, type CommandEnv } from '../CommandEnv.js';
import type { CommandOutcome } from '../CommandOutcome.js';
import { loadState } from '../facts/loadState.js';
import { loadCadreFact } from '../facts/streamFacts.js';
import { planKey } from '../facts/streamKeys.js';
import { loadUnitFacts } from '../facts/unitFact.js';
import { handleCommand } from '../handleCommand.js';

export const DraftPlanInput = PlanDrafted.omit({ planId: true }).strict();
export type DraftPlanInput = z.infer<typeof DraftPlanInput>;

/** Drafts the agency's plan for a month, or redrafts it (same plan id) until it is submitted. */
export async function draftPlan(env: CommandEnv, input: DraftPlanInput): Promise<CommandOutcome> {
  const streamId = planStream(input.agencyId, input.month);
  const existing = await loadState(env.store, streamId, planDecider);
  const data = { planId: existing.status === 'none' ? randomUUID() : existing.planId, ...input };
  const monthStart = `${data.month}-01`;
  const result = await handleCommand<PlanState, DraftPlan, PlanEvent, PlanContexts['DraftPlan']>({
    ...envInput(env),
    streamId,
    decider: planDecider,
    command: { type: 'DraftPlan', data, metadata: commandMetadata(env) },
    loadContext: async () => {
      const cadreIds = [...new Set(data.entries.map((entry) => entry.cadreId))];
      const cadres = await Promise.all(cadreIds.map((id) => loadCadreFact(env.store, id, monthStart)));
      return {
        cadres: cadres.flatMap((fact) => (fact === null ? [] : [fact])),
        units: await loadUnitFacts(env.store, data.entries.map((entry) => entry.unitCode), monthStart),
      };
    },
    occurredAt: () => env.now,
    keys: () => [planKey(data.planId)],
  });
  return { id: data.planId, result };
}
