import type { FastifyInstance } from 'fastify';
import { assignAgencyToSupportUnit, AssignAgencyInput } from '../../../commands/board/assignAgencyToSupportUnit.js';
import { assignCadre, AssignCadreInput } from '../../../commands/board/assignCadre.js';
import { endAssignment, EndAssignmentInput } from '../../../commands/board/endAssignment.js';
import { committeeOfBoard } from '../../../commands/board/findBoard.js';
import { assignmentKey } from '../../../commands/facts/streamKeys.js';
import { always, committeeInProvince, unitInProvince } from './access.js';
import { commandRoute, type CommandRouteContext } from './commandRoute.js';
import { IdParams, NoParams } from './params.js';

export function assignmentRoutes(app: FastifyInstance, context: CommandRouteContext): void {
  commandRoute(app, context, {
    url: '/v1/assignments',
    tag: 'assignments',
    summary: 'Assign a cadre to follow a unit',
    params: NoParams,
    body: AssignCadreInput,
    access: committeeInProvince,
    handle: (env, { body }) => assignCadre(env, body),
  });
  commandRoute(app, context, {
    url: '/v1/assignments/agency-support',
    tag: 'assignments',
    summary: 'Assign an agency to support a unit',
    params: NoParams,
    body: AssignAgencyInput,
    access: committeeInProvince,
    handle: (env, { body }) => assignAgencyToSupportUnit(env, body),
  });
  commandRoute(app, context, {
    url: '/v1/assignments/:id/end',
    tag: 'assignments',
    summary: 'End an assignment',
    params: IdParams,
    body: EndAssignmentInput,
    access: {
      admin: always,
      organizer: async ({ store, actor, params, today }) => {
        const board = await store.lookupStream(assignmentKey(params.id));
        // An unknown assignment is the domain's 404.
        return board === null || unitInProvince(store, actor, committeeOfBoard(board), today);
      },
    },
    handle: (env, { params, body }) => endAssignment(env, params.id, body),
  });
}
