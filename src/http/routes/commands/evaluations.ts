import type { FastifyInstance } from 'fastify';
import { amendEvaluation, AmendEvaluationInput } from '../../../commands/evaluation/amendEvaluation.js';
import { evaluateCadre, EvaluateCadreInput } from '../../../commands/evaluation/evaluateCadre.js';
import { rateUnit, RateUnitInput } from '../../../commands/evaluation/rateUnit.js';
import { always } from './access.js';
import { commandRoute, type CommandRouteContext } from './commandRoute.js';
import { IdParams, NoParams } from './params.js';

/**
 * A committee speaks only for its own unit (checked here for the unit named in the body, and by
 * the domain on state: NOT_UNIT_COMMITTEE, NOT_FOLLOWER_THAT_YEAR, 403).
 */
export function evaluationRoutes(app: FastifyInstance, context: CommandRouteContext): void {
  commandRoute(app, context, {
    url: '/v1/evaluations',
    tag: 'evaluations',
    summary: 'Evaluate a cadre who followed the commune this year',
    params: NoParams,
    body: EvaluateCadreInput,
    access: { 'unit-committee': ({ actor, body }) => actor.unitCode === body.committeeUnitCode },
    handle: (env, { body }) => evaluateCadre(env, body),
  });
  commandRoute(app, context, {
    url: '/v1/evaluations/:id/amend',
    tag: 'evaluations',
    summary: 'Amend an evaluation, with a reason',
    params: IdParams,
    body: AmendEvaluationInput,
    access: { 'unit-committee': always },
    handle: (env, { params, body }) => amendEvaluation(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/unit-ratings',
    tag: 'evaluations',
    summary: 'Rate a unit’s year (its superior committee)',
    params: NoParams,
    body: RateUnitInput,
    access: { 'unit-committee': ({ actor, body }) => actor.unitCode === body.committeeUnitCode },
    handle: (env, { body }) => rateUnit(env, body),
  });
}
