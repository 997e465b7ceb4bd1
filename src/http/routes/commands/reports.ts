import type { FastifyInstance } from 'fastify';
import { amendReport, AmendReportInput } from '../../../commands/fieldwork/amendReport.js';
import { fileReport, FileReportInput } from '../../../commands/fieldwork/fileReport.js';
import { always } from './access.js';
import { commandRoute, type CommandRouteContext } from './commandRoute.js';
import { IdParams, NoParams } from './params.js';

/** Only the cadre who made the visit reports on it (the domain's NOT_OWN_VISIT, 403). */
export function reportRoutes(app: FastifyInstance, context: CommandRouteContext): void {
  commandRoute(app, context, {
    url: '/v1/reports',
    tag: 'fieldwork',
    summary: 'File the report of one’s visit (raises its recommendations)',
    params: NoParams,
    body: FileReportInput,
    access: { cadre: always },
    handle: (env, { body }) => fileReport(env, body),
  });
  commandRoute(app, context, {
    url: '/v1/reports/:id/amend',
    tag: 'fieldwork',
    summary: 'Amend one’s report (the original stays)',
    params: IdParams,
    body: AmendReportInput,
    access: { cadre: always },
    handle: (env, { params, body }) => amendReport(env, params.id, body),
  });
}
