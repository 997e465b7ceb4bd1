import type { FastifyInstance } from 'fastify';
import { approvePlan, ApprovePlanInput } from '../../../commands/plan/approvePlan.js';
import { draftPlan, DraftPlanInput } from '../../../commands/plan/draftPlan.js';
import { loadState } from '../../../commands/facts/loadState.js';
import { planKey } from '../../../commands/facts/streamKeys.js';
import { rejectPlan, RejectPlanInput } from '../../../commands/plan/rejectPlan.js';
import { submitPlan, SubmitPlanInput } from '../../../commands/plan/submitPlan.js';
import { planDecider } from '../../../domain/plan/index.js';
import { agencyInProvince, always, type Access } from './access.js';
import { commandRoute, type CommandRouteContext } from './commandRoute.js';
import { IdParams, NoParams } from './params.js';

/** Organizers handle the plans of the agencies of their province. */
const planInScope: Access<{ id: string }, unknown> = {
  admin: always,
  organizer: async ({ store, actor, params, today }) => {
    const streamId = await store.lookupStream(planKey(params.id));
    const plan = streamId === null ? null : await loadState(store, streamId, planDecider);
    return plan === null || plan.status === 'none' || agencyInProvince(store, actor, plan.agencyId, today);
  },
};

export function planRoutes(app: FastifyInstance, context: CommandRouteContext): void {
  commandRoute(app, context, {
    url: '/v1/plans',
    tag: 'plans',
    summary: 'Draft (or redraft) an agency’s monthly plan',
    params: NoParams,
    body: DraftPlanInput,
    access: {
      admin: always,
      organizer: ({ store, actor, body, today }) => agencyInProvince(store, actor, body.agencyId, today),
    },
    handle: (env, { body }) => draftPlan(env, body),
  });
  commandRoute(app, context, {
    url: '/v1/plans/:id/submit',
    tag: 'plans',
    summary: 'Submit a plan',
    params: IdParams,
    body: SubmitPlanInput,
    access: planInScope,
    handle: (env, { params, body }) => submitPlan(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/plans/:id/approve',
    tag: 'plans',
    summary: 'Approve a submitted plan',
    params: IdParams,
    body: ApprovePlanInput,
    access: planInScope,
    handle: (env, { params, body }) => approvePlan(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/plans/:id/reject',
    tag: 'plans',
    summary: 'Reject a submitted plan',
    params: IdParams,
    body: RejectPlanInput,
    access: planInScope,
    handle: (env, { params, body }) => rejectPlan(env, params.id, body),
  });
}
