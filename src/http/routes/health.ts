import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../AppServices.js';

const Health = z.object({
  status: z.enum(['ok']),
  database: z.enum(['postgres', 'pglite']),
  headPosition: z.string(),
});

/** Liveness and readiness in one: 200 once the database answers (migrations ran before listen). */
export const healthRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/healthz',
      { schema: { hide: true, response: { 200: Health } } },
      async () => ({
        status: 'ok' as const,
        database: services.database.kind,
        headPosition: (await services.store.headPosition()).toString(),
      }),
    );
  };
