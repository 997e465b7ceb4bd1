import type { FastifyPluginAsync } from 'fastify';
import { authenticate } from '../../../auth/authenticate.js';
import { TokenStore } from '../../../auth/TokenStore.js';
import type { AppServices } from '../../AppServices.js';
import { bundleRoutes } from './bundleRoutes.js';
import { checkpointRoutes } from './checkpointRoutes.js';
import { cosignatureRoutes } from './cosignatureRoutes.js';
import { proofRoutes } from './proofRoutes.js';

/**
 * /v1/ledger/*: read-only for any authenticated role (README "Ledger"), except on-demand
 * checkpoints (admin) and cosignatures (any role; the witness key is what counts). The hook is
 * added inside this encapsulated plugin, so it covers these routes only.
 */
export const ledgerRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.addHook('onRequest', authenticate(new TokenStore(services.database)));
    await app.register(checkpointRoutes(services));
    await app.register(proofRoutes(services));
    await app.register(cosignatureRoutes(services));
    await app.register(bundleRoutes(services));
  };
