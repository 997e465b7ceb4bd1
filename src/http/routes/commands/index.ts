import type { FastifyPluginAsync } from 'fastify';
import { authenticate } from '../../../auth/authenticate.js';
import { TokenStore } from '../../../auth/TokenStore.js';
import type { AppServices } from '../../AppServices.js';
import { IdempotencyStore } from '../../idempotency.js';
import { useStrictJsonParser } from '../../strictJsonParser.js';
import { agencyRoutes } from './agencies.js';
import { assignmentRoutes } from './assignments.js';
import { cadreRoutes } from './cadres.js';
import type { CommandRouteContext } from './commandRoute.js';
import { evaluationRoutes } from './evaluations.js';
import { planRoutes } from './plans.js';
import { policyRoutes } from './policies.js';
import { recommendationRoutes } from './recommendations.js';
import { reportRoutes } from './reports.js';
import { rotationRoutes } from './rotations.js';
import { unitRoutes } from './units.js';
import { visitRoutes } from './visits.js';

/** Every command route (POST /v1/…), in one encapsulated plugin with its own strict JSON parser. */
export const commandRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    useStrictJsonParser(app);
    const context: CommandRouteContext = {
      services,
      authenticate: authenticate(new TokenStore(services.database)),
      idempotency: new IdempotencyStore(services.database),
    };
    for (const routes of [
      unitRoutes, agencyRoutes, cadreRoutes, policyRoutes, assignmentRoutes, rotationRoutes,
      planRoutes, visitRoutes, reportRoutes, recommendationRoutes, evaluationRoutes,
    ]) {
      routes(app, context);
    }
  };
