import type { FastifyInstance } from 'fastify';
import { buildApp } from './http/buildApp.js';
import type { Runtime } from './runtime.js';

/** The app over an open runtime, without background work or listen (CLI commands inject into it). */
export function appOf(runtime: Runtime): Promise<FastifyInstance> {
  return buildApp({
    config: runtime.config,
    log: runtime.log,
    database: runtime.database,
    store: runtime.store,
    ledger: runtime.ledger,
    personalData: runtime.ledger.personalData,
    projections: runtime.projections,
    now: () => new Date(),
  });
}

/** Builds the app over an open runtime and listens; the caller owns shutdown. */
export async function startServer(runtime: Runtime): Promise<FastifyInstance> {
  const app = await appOf(runtime);
  await runtime.ledger.sealer.start();
  // The read models follow the store inside the server by default (issue 5); runtime.close() stops them.
  await runtime.projections.start();
  await app.listen({ port: runtime.config.PORT, host: runtime.config.HOST });
  return app;
}
