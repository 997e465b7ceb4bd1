import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { isTokenRole } from '../../../auth/roles.js';
import { actorOf } from '../../../auth/authenticate.js';
import type { CommandEnv } from '../../../commands/CommandEnv.js';
import type { CommandOutcome } from '../../../commands/CommandOutcome.js';
import type { Actor } from '../../../domain/actor.js';
import { todayInVietnam } from '../../../domain/time.js';
import { ApiError } from '../../../errors/ApiError.js';
import type { AppServices } from '../../AppServices.js';
import { requestHash, type IdempotencyStore } from '../../idempotency.js';
import type { Access } from './access.js';
import { CommandAnswer, CommandHeaders, commandAnswer, parseIfMatch } from './commandAnswer.js';

export interface CommandRouteSpec<P extends z.ZodType, B extends z.ZodType> {
  /** Under /v1, e.g. `/visits/:id/confirm`. */
  readonly url: string;
  readonly tag: string;
  readonly summary: string;
  readonly params: P;
  readonly body: B;
  readonly access: Access<z.output<P>, z.output<B>>;
  readonly handle: (env: CommandEnv, input: { params: z.output<P>; body: z.output<B> }) => Promise<CommandOutcome>;
}

/** What the command routes share: services, the token hook, replayed answers. */
export interface CommandRouteContext {
  readonly services: AppServices;
  readonly authenticate: (request: FastifyRequest) => Promise<void>;
  readonly idempotency: IdempotencyStore;
}

/**
 * One POST route per command. In order: token (401) and role (403) before the body is read; the
 * body and headers against their zod schemas (400, 413, 415); a replayed Idempotency-Key (the first
 * answer, or 422); the role's scope (403); the command (201, or its rule's code).
 */
export function commandRoute<P extends z.ZodType, B extends z.ZodType>(
  app: FastifyInstance,
  context: CommandRouteContext,
  spec: CommandRouteSpec<P, B>,
): void {
  const roles = Object.keys(spec.access);
  app.withTypeProvider<ZodTypeProvider>().post(
    spec.url,
    {
      schema: {
        tags: [spec.tag],
        summary: spec.summary,
        description: `Roles: ${roles.join(', ')}.`,
        params: spec.params,
        body: spec.body,
        headers: CommandHeaders,
        response: { 201: CommandAnswer },
      },
      onRequest: [
        context.authenticate,
        async (request) => {
          const { role } = actorOf(request);
          if (!roles.includes(role)) throw new ApiError('FORBIDDEN', `role ${role} may not ${spec.summary.toLowerCase()}`);
        },
      ],
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const params: z.output<P> = spec.params.parse(request.params);
      const body: z.output<B> = spec.body.parse(request.body);
      const headers = CommandHeaders.parse(request.headers);
      const key = headers['idempotency-key'];
      const route = `POST ${request.url.split('?')[0] ?? ''}`;
      const hash = requestHash({ params, body });
      const run = async (): Promise<CommandAnswer> => {
        if (key !== undefined) {
          const first = await context.idempotency.find(actor.userId, key);
          if (first !== null) {
            if (first.route !== route || first.requestHash !== hash) {
              throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request', 'Idempotency-Key');
            }
            // Only 201 answers are stored (errors wrote nothing and may be retried).
            return CommandAnswer.parse(first.body);
          }
        }
        const answer = await execute(context, spec, { request, actor, params, body, headers });
        if (key !== undefined) await context.idempotency.save(actor.userId, key, { route, requestHash: hash, status: 201, body: answer });
        return answer;
      };
      const answer = key === undefined ? await run() : await context.idempotency.exclusive(actor.userId, key, run);
      return reply.code(201).send(answer);
    },
  );
}

/** The role's scope check, then the command with the request's metadata. */
async function execute<P extends z.ZodType, B extends z.ZodType>(
  context: CommandRouteContext,
  spec: CommandRouteSpec<P, B>,
  input: { request: FastifyRequest; actor: Actor; params: z.output<P>; body: z.output<B>; headers: z.output<typeof CommandHeaders> },
): Promise<CommandAnswer> {
  const { request, actor, params, body, headers } = input;
  const now = context.services.now();
  const check = isTokenRole(actor.role) ? spec.access[actor.role] : undefined;
  const allowed = check !== undefined && (await check({ actor, store: context.services.store, today: todayInVietnam(now.toISOString()), params, body }));
  if (!allowed) throw new ApiError('FORBIDDEN', `this ${actor.role} token's scope does not cover the request`);
  const ifMatch = parseIfMatch(headers['if-match']);
  const env: CommandEnv = {
    store: context.services.store,
    actor,
    now,
    metadata: {
      actor: actor.userId,
      role: actor.role,
      requestId: request.id,
      correlationId: headers['x-correlation-id'] ?? request.id,
      causationId: null,
    },
    ...(ifMatch !== undefined ? { ifMatch } : {}),
  };
  return commandAnswer(await spec.handle(env, { params, body }));
}
