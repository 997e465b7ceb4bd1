import type { FastifyPluginAsync } from 'fastify';
import { authenticate } from '../../../auth/authenticate.js';
import { TokenStore } from '../../../auth/TokenStore.js';
import type { AppServices } from '../../AppServices.js';
import { assignmentRoutes } from './assignments.js';
import { attendanceRoutes } from './attendance.js';
import { evaluationRoutes } from './evaluations.js';
import { recommendationRoutes } from './recommendations.js';
import { reportRoutes } from './reports.js';
import { summaryRoutes } from './summary.js';
import { coverageRoutes } from './coverage.js';
import { mapRoutes } from './map.js';
import { projectionStatusRoutes } from './projections.js';
import { unitRoutes } from './units.js';

/**
 * Every read-model (query) route: GET only, any authenticated role, each route narrowing what it
 * answers to the caller's scope. One line per route file of this folder; add yours here.
 */
export const queryRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.addHook('onRequest', authenticate(new TokenStore(services.database)));
    await app.register(projectionStatusRoutes(services));
    await app.register(assignmentRoutes(services));
    await app.register(mapRoutes(services));
    await app.register(coverageRoutes(services));
    await app.register(unitRoutes(services));
    await app.register(attendanceRoutes(services));
    await app.register(reportRoutes(services));
    await app.register(recommendationRoutes(services));
    await app.register(evaluationRoutes(services));
    await app.register(summaryRoutes(services));
  };
