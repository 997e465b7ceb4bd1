import type { FastifyInstance } from 'fastify';
import { registerAgency, RegisterAgencyInput } from '../../../commands/agency/registerAgency.js';
import { renameAgency, RenameAgencyInput } from '../../../commands/agency/renameAgency.js';
import { agencyInProvince, always, unitInProvince } from './access.js';
import { commandRoute, type CommandRouteContext } from './commandRoute.js';
import { IdParams, NoParams } from './params.js';

export function agencyRoutes(app: FastifyInstance, context: CommandRouteContext): void {
  commandRoute(app, context, {
    url: '/v1/agencies',
    tag: 'agencies',
    summary: 'Register an agency',
    params: NoParams,
    body: RegisterAgencyInput,
    access: {
      admin: always,
      organizer: ({ store, actor, body, today }) => unitInProvince(store, actor, body.unitCode, today),
    },
    handle: (env, { body }) => registerAgency(env, body),
  });
  commandRoute(app, context, {
    url: '/v1/agencies/:id/rename',
    tag: 'agencies',
    summary: 'Rename an agency',
    params: IdParams,
    body: RenameAgencyInput,
    access: {
      admin: always,
      organizer: ({ store, actor, params, today }) => agencyInProvince(store, actor, params.id, today),
    },
    handle: (env, { params, body }) => renameAgency(env, params.id, body),
  });
}
