import type { FastifyInstance } from 'fastify';
import { rotateCadre, RotateCadreInput } from '../../../commands/board/rotateCadre.js';
import { committeeInProvince } from './access.js';
import { commandRoute, type CommandRouteContext } from './commandRoute.js';
import { NoParams } from './params.js';

export function rotationRoutes(app: FastifyInstance, context: CommandRouteContext): void {
  commandRoute(app, context, {
    url: '/v1/rotations',
    tag: 'assignments',
    summary: 'Rotate a cadre: end one assignment and start the next',
    params: NoParams,
    body: RotateCadreInput,
    access: committeeInProvince,
    handle: (env, { body }) => rotateCadre(env, body),
  });
}
