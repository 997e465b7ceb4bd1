import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../auth/authenticate.js';
import { ApiError } from '../../../errors/ApiError.js';
import type { InspectionDeps } from '../../../inspection/authenticity.js';
import { inspectReports } from '../../../inspection/bulkInspection.js';
import { requireRole } from './requireRole.js';
import { InspectionsQuery } from './schemas.js';

/**
 * A committee's yearly inspection: every questionable or tampered report in scope with its
 * reasons. An inspector bound to a province sees that province only.
 */
export const inspectionsRoute =
  (deps: InspectionDeps): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/inspections',
      { schema: { tags: ['inspection'], summary: 'Questionable or tampered reports in scope, with reasons', description: 'Roles: inspector, admin.', querystring: InspectionsQuery }, onRequest: requireRole('inspector', 'admin') },
      async (request) => {
        const actor = actorOf(request);
        const bound = actor.role === 'inspector' ? actor.provinceCode : undefined;
        if (bound !== undefined && request.query.province !== undefined && request.query.province !== bound) {
          throw new ApiError('FORBIDDEN', `this inspector's token covers province ${bound} only`);
        }
        const province = request.query.province ?? bound;
        const { year, unit, cadre } = request.query;
        const findings = await inspectReports(deps, { ...(province ? { province } : {}), ...(year ? { year } : {}), ...(unit ? { unit } : {}), ...(cadre ? { cadre } : {}) });
        return { count: findings.length, findings };
      },
    );
  };
