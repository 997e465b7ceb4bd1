import type { FastifyInstance } from 'fastify';
import { cancelVisit, CancelVisitInput } from '../../../commands/fieldwork/cancelVisit.js';
import { confirmVisit, ConfirmVisitInput } from '../../../commands/fieldwork/confirmVisit.js';
import { disputeVisit, DisputeVisitInput } from '../../../commands/fieldwork/disputeVisit.js';
import { logVisit, LogVisitInput } from '../../../commands/fieldwork/logVisit.js';
import { resolveVisitDispute, ResolveVisitDisputeInput } from '../../../commands/fieldwork/resolveVisitDispute.js';
import { always } from './access.js';
import { commandRoute, type CommandRouteContext } from './commandRoute.js';
import { IdParams, NoParams } from './params.js';

/**
 * A cadre logs and cancels only their own visits; the visited unit's committee confirms or disputes
 * them. Whose visit it is, and which committee it was, the domain checks on the stream's state
 * (NOT_OWN_VISIT, NOT_UNIT_COMMITTEE: 403).
 */
export function visitRoutes(app: FastifyInstance, context: CommandRouteContext): void {
  commandRoute(app, context, {
    url: '/v1/visits',
    tag: 'fieldwork',
    summary: 'Log a visit to the grassroots',
    params: NoParams,
    body: LogVisitInput,
    access: { cadre: ({ actor, body }) => actor.cadreId === body.cadreId },
    handle: (env, { body }) => logVisit(env, body),
  });
  commandRoute(app, context, {
    url: '/v1/visits/:id/confirm',
    tag: 'fieldwork',
    summary: 'Confirm a visit (the visited unit’s committee)',
    params: IdParams,
    body: ConfirmVisitInput,
    access: { 'unit-committee': always },
    handle: (env, { params, body }) => confirmVisit(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/visits/:id/dispute',
    tag: 'fieldwork',
    summary: 'Dispute a visit (the visited unit’s committee)',
    params: IdParams,
    body: DisputeVisitInput,
    access: { 'unit-committee': always },
    handle: (env, { params, body }) => disputeVisit(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/visits/:id/resolve-dispute',
    tag: 'fieldwork',
    summary: 'Resolve a dispute and confirm the visit, saying why',
    params: IdParams,
    body: ResolveVisitDisputeInput,
    access: { 'unit-committee': always },
    handle: (env, { params, body }) => resolveVisitDispute(env, params.id, body),
  });
  commandRoute(app, context, {
    url: '/v1/visits/:id/cancel',
    tag: 'fieldwork',
    summary: 'Cancel one’s own visit',
    params: IdParams,
    body: CancelVisitInput,
    access: { cadre: always },
    handle: (env, { params, body }) => cancelVisit(env, params.id, body),
  });
}
