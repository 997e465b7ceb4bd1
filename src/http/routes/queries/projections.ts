import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppServices } from '../../AppServices.js';

const Status = z.object({
  head: z.string(),
  projections: z.array(z.object({
    name: z.string(), version: z.number(), generation: z.number(), status: z.enum(['building', 'active', 'retired']),
    position: z.string(), head: z.string(), lag: z.string(),
  })),
});

/** GET /v1/projections: every build's checkpoint against the head (positions as decimal strings). */
export const projectionStatusRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/projections',
      { schema: { tags: ['read models'], summary: 'Read models: each build’s position, the head and the lag', description: 'Roles: any.', response: { 200: Status } } },
      async () => {
        const { head, builds } = await services.projections.status();
        return {
          head: head.toString(),
          projections: builds.map((b) => ({
            name: b.name, version: b.version, generation: b.generation, status: b.status,
            position: b.position.toString(), head: head.toString(), lag: b.lag.toString(),
          })),
        };
      },
    );
  };
