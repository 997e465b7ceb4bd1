import type { FastifyRequest } from 'fastify';
import type { TokenRole } from '../../../auth/roles.js';
import { actorOf } from '../../../auth/authenticate.js';
import { ApiError } from '../../../errors/ApiError.js';

/** An onRequest hook after authenticate: 403 for roles not listed, before any body is read. */
export function requireRole(...roles: TokenRole[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const { role } = actorOf(request);
    if (!(roles as string[]).includes(role)) throw new ApiError('FORBIDDEN', `role ${role} may not use ${request.routeOptions.url ?? 'this route'} (${roles.join(', ')} only)`);
  };
}
