import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppServices } from './AppServices.js';
import { errorHandler } from './errorHandler.js';
import { auditRoutes } from './routes/audit/index.js';
import { commandRoutes } from './routes/commands/index.js';
import { dashboardRoutes } from './routes/dashboard/index.js';
import { exportRoutes } from './routes/exportRoutes.js';
import { healthRoutes } from './routes/health.js';
import { inspectionRoutes } from './routes/inspection/index.js';
import { ledgerRoutes } from './routes/ledger/index.js';
import { queryRoutes } from './routes/queries/index.js';

/** Bodies above this are refused with 413 BODY_TOO_LARGE before parsing. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The fastify app without listen(), so tests drive it through app.inject() (fastify's habit).
 * Every route validates with zod; every error leaves through errorHandler.
 */
export async function buildApp(services: AppServices): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps FastifyInstance's default generics.
    loggerInstance: services.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'diaban API',
        description: 'Cadres following grassroots units: commands and read models over a hash-chained event ledger.',
        version: '1',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes(services));
  await app.register(commandRoutes(services));
  await app.register(ledgerRoutes(services));
  await app.register(queryRoutes(services));
  await app.register(inspectionRoutes(services));
  await app.register(auditRoutes(services));
  await app.register(dashboardRoutes(services));
  await app.register(exportRoutes(services));
  return app;
}
