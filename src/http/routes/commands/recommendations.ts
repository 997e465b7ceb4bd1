import type { FastifyInstance } from 'fastify';
import { answerRecommendation, AnswerRecommendationInput } from '../../../commands/recommendation/answerRecommendation.js';
import { closeRecommendation, CloseRecommendationInput } from '../../../commands/recommendation/closeRecommendation.js';
import { forwardRecommendation, ForwardRecommendationInput } from '../../../commands/recommendation/forwardRecommendation.js';
import { reopenRecommendation, ReopenRecommendationInput } from '../../../commands/recommendation/reopenRecommendation.js';
import { always, recommendationRaisedBy, unitInProvince, type Access } from './access.js';
import { commandRoute, type CommandRouteContext } from './commandRoute.js';
import { IdParams } from './params.js';

/**
 * Who carries a recommendation on: an organizer of the visited unit's province, or the cadre who
 * raised it (Bến Tre: the assigned cadre passes the commune's proposals on, domain-notes §3). An
 * unknown recommendation passes, so that the domain answers 404.
 */
const carriers: Access<{ id: string }, unknown> = {
  admin: always,
  organizer: async ({ store, actor, params, today }) => {
    const raised = await recommendationRaisedBy(store, params.id);
    return raised === null || unitInProvince(store, actor, raised.unitCode, today);
  },
  cadre: async ({ store, actor, params }) => {
    const raised = await recommendationRaisedBy(store, params.id);
    return raised === null || raised.cadreId === actor.cadreId;
  },
};

export function recommendationRoutes(app: FastifyInstance, context: CommandRouteContext): void {
  commandRoute(app, context, {
    url: '/v1/recommendations/:id/forward',
    tag: 'recommendations',
    summary: 'Forward a recommendation to an agency',
    params: IdParams,
    body: ForwardRecommendationInput,
    access: carriers,
    handle: (env, { params, body }) => forwardRecommendation(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/recommendations/:id/answer',
    tag: 'recommendations',
    summary: 'Answer a recommendation (the agency it was forwarded to)',
    params: IdParams,
    body: AnswerRecommendationInput,
    // Which agency, the domain checks on the stream (NOT_FORWARDED_AGENCY, 403).
    access: { agency: always },
    handle: (env, { params, body }) => answerRecommendation(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/recommendations/:id/close',
    tag: 'recommendations',
    summary: 'Close a recommendation',
    params: IdParams,
    body: CloseRecommendationInput,
    access: carriers,
    handle: (env, { params, body }) => closeRecommendation(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/recommendations/:id/reopen',
    tag: 'recommendations',
    summary: 'Reopen a closed recommendation',
    params: IdParams,
    body: ReopenRecommendationInput,
    access: carriers,
    handle: (env, { params, body }) => reopenRecommendation(env, params.id, body),
  });
}
