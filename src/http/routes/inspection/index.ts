import type { FastifyPluginAsync } from 'fastify';
import { authenticate } from '../../../auth/authenticate.js';
import { TokenStore } from '../../../auth/TokenStore.js';
import '../../../errors/inspectionCodes.js';
import { inspectionDeps } from '../../../inspection/inspectionDeps.js';
import type { AppServices } from '../../AppServices.js';
import { authenticityRoutes } from './authenticityRoutes.js';
import { inspectionsRoute } from './inspectionsRoute.js';
import { signingRoutes } from './signingRoutes.js';

/** README "Inspection": authenticity, bundles, bulk inspections, submitter keys and signatures. */
export const inspectionRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    const deps = inspectionDeps(services);
    app.addHook('onRequest', authenticate(new TokenStore(services.database)));
    await app.register(authenticityRoutes(deps));
    await app.register(inspectionsRoute(deps));
    await app.register(signingRoutes(deps));
  };
