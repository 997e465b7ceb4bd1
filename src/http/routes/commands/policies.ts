import type { FastifyInstance } from 'fastify';
import { amendPolicy, AmendPolicyInput } from '../../../commands/policy/amendPolicy.js';
import { issuePolicy, IssuePolicyInput } from '../../../commands/policy/issuePolicy.js';
import { repealPolicy, RepealPolicyInput } from '../../../commands/policy/repealPolicy.js';
import { always, policyInProvince, unitInProvince, type Access } from './access.js';
import { commandRoute, type CommandRouteContext } from './commandRoute.js';
import { IdParams, NoParams } from './params.js';

/** Organizers manage the policies their province's committees issued. */
const policyInScope: Access<{ id: string }, unknown> = {
  admin: always,
  organizer: ({ store, actor, params, today }) => policyInProvince(store, actor, params.id, today),
};

export function policyRoutes(app: FastifyInstance, context: CommandRouteContext): void {
  commandRoute(app, context, {
    url: '/v1/policies',
    tag: 'policies',
    summary: 'Issue a quota policy',
    params: NoParams,
    body: IssuePolicyInput,
    access: {
      admin: always,
      organizer: ({ store, actor, body, today }) => unitInProvince(store, actor, body.issuingUnitCode, today),
    },
    handle: (env, { body }) => issuePolicy(env, body),
  });
  commandRoute(app, context, {
    url: '/v1/policies/:id/amend',
    tag: 'policies',
    summary: 'Amend a quota policy',
    params: IdParams,
    body: AmendPolicyInput,
    access: policyInScope,
    handle: (env, { params, body }) => amendPolicy(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/policies/:id/repeal',
    tag: 'policies',
    summary: 'Repeal a quota policy',
    params: IdParams,
    body: RepealPolicyInput,
    access: policyInScope,
    handle: (env, { params, body }) => repealPolicy(env, params.id, body),
  });
}
