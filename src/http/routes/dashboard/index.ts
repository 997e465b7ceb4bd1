import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate, actorOf } from '../../../auth/authenticate.js';
import { TokenStore } from '../../../auth/TokenStore.js';
import { ApiError } from '../../../errors/ApiError.js';
import { VerificationJobs, type VerificationJob } from '../../../ledger/verificationJobs.js';
import type { AppServices } from '../../AppServices.js';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dashboard', 'public');
// chart.js does not export its UMD build; it sits beside the ESM entry in dist/.
const chartDist = dirname(fileURLToPath(import.meta.resolve('chart.js')));

const Me = z.object({
  role: z.string(),
  label: z.string(),
  cadreId: z.string().optional(),
  unitCode: z.string().optional(),
  agencyId: z.string().optional(),
  provinceCode: z.string().optional(),
});

const Job = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  done: z.string(),
  total: z.string(),
  ok: z.boolean().optional(),
  leaves: z.string().optional(),
  failure: z.object({
    kind: z.string(), position: z.string().optional(), treeSize: z.string().optional(),
    node: z.object({ level: z.number(), index: z.string() }).optional(), message: z.string(),
  }).optional(),
  error: z.string().optional(),
});

function jobBody(job: VerificationJob): z.infer<typeof Job> {
  return {
    id: job.id,
    state: job.state,
    done: job.done.toString(),
    total: job.total.toString(),
    ...(job.ok === undefined ? {} : { ok: job.ok }),
    ...(job.leaves === undefined ? {} : { leaves: job.leaves.toString() }),
    ...(job.failure
      ? { failure: { kind: job.failure.kind, message: job.failure.message, ...(job.failure.position === undefined ? {} : { position: job.failure.position.toString() }), ...(job.failure.treeSize === undefined ? {} : { treeSize: job.failure.treeSize.toString() }), ...(job.failure.node === undefined ? {} : { node: { level: job.failure.node.level, index: job.failure.node.index.toString() } }) } }
      : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

/**
 * The dashboard: static files (no build step) at /, Chart.js from its npm package at /vendor, and
 * the two API calls only it needs: who am I, and full-ledger verification jobs with progress.
 */
export const dashboardRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    await app.register(fastifyStatic, { root: publicDir, prefix: '/', index: 'index.html', wildcard: false });
    app.get('/vendor/chart.umd.js', { schema: { hide: true } }, (_request, reply) =>
      reply.sendFile('chart.umd.js', chartDist, { maxAge: 86_400_000 }),
    );

    await app.register(async (authed) => {
      authed.addHook('onRequest', authenticate(new TokenStore(services.database)));
      const api = authed.withTypeProvider<ZodTypeProvider>();
      const jobs = new VerificationJobs(services.database);
      api.get('/v1/me', { schema: { tags: ['auth'], summary: 'The caller’s role and scope', response: { 200: Me } } }, async (request) => {
        const a = actorOf(request);
        const scope = a.provinceCode ?? a.unitCode ?? a.agencyId ?? a.cadreId;
        return {
          role: a.role,
          label: scope ? `${a.role} · ${scope}` : a.role,
          ...(a.cadreId ? { cadreId: a.cadreId } : {}),
          ...(a.unitCode ? { unitCode: a.unitCode } : {}),
          ...(a.agencyId ? { agencyId: a.agencyId } : {}),
          ...(a.provinceCode ? { provinceCode: a.provinceCode } : {}),
        };
      });
      api.post('/v1/ledger/verifications', { schema: { tags: ['ledger'], summary: 'Start (or join) a full ledger verification', response: { 202: Job } } }, async (request, reply) => {
        if (!['admin', 'inspector', 'organizer', 'viewer'].includes(actorOf(request).role)) {
          throw new ApiError('FORBIDDEN', 'full verification is for admins, inspectors, organizers and viewers');
        }
        return reply.code(202).send(jobBody(jobs.start()));
      });
      api.get(
        '/v1/ledger/verifications/:id',
        { schema: { tags: ['ledger'], summary: 'Progress and result of a verification', params: z.object({ id: z.uuid() }), response: { 200: Job } } },
        async (request) => {
          const job = jobs.get(request.params.id);
          if (!job) throw new ApiError('NOT_FOUND', `no verification ${request.params.id}`);
          return jobBody(job);
        },
      );
    });
  };
