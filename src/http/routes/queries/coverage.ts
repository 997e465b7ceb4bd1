import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { coverageOn } from '#projections/coverage/queries.js';
import { unitsUnder } from '#projections/unitLineage/queries.js';
import { actorOf } from '../../../auth/authenticate.js';
import { todayInVietnam } from '../../../domain/time.js';
import { ApiError } from '../../../errors/ApiError.js';
import { answerCacheOf } from '../../../projections/AnswerCache.js';
import { waitForPosition } from '../../../projections/waitForPosition.js';
import type { AppServices } from '../../AppServices.js';
import { AtDate, MinPosition, Paging, ProvinceCode } from './querySchemas.js';
import { narrowUnits, readScope } from './scope.js';

/** The read models coverage is read from. */
const COVERAGE_READ_MODELS = ['assignment-history', 'unit-lineage'];

const Query = z.object({ province: ProvinceCode.optional(), at: AtDate.optional(), ...Paging, ...MinPosition }).strict();

const page = <T extends z.ZodType>(item: T) => z.object({ total: z.number(), items: z.array(item) });
const Commune = z.object({ code: z.string(), name: z.string(), cadreIds: z.array(z.string()) });
const Answer = z.object({
  at: z.string(),
  communesWithoutFollower: page(Commune),
  communesWithSeveralFollowers: page(Commune),
  cadresWithSeveralUnits: page(z.object({ cadreId: z.string(), unitCodes: z.array(z.string()) })),
  pastTerm: page(z.object({
    assignmentId: z.string(), board: z.string(), holderKind: z.string(), cadreId: z.string().nullable(), agencyId: z.string().nullable(),
    unitCode: z.string(), validFrom: z.string(), effectiveUntil: z.string().nullable(), congressTerm: z.string().nullable(),
  })),
  limit: z.number(),
  offset: z.number(),
});

/** GET /v1/dashboard/coverage: what the organizers must fix, on a date (today by default). */
export const coverageRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/dashboard/coverage',
      {
        schema: {
          tags: ['read models'], summary: 'Coverage: communes without or with several followers, cadres with several units, terms run out', querystring: Query,
          description: 'Roles: admin; organizer, inspector, viewer (their province); unit-committee (its unit). `limit`/`offset` apply to each list.',
          response: { 200: Answer },
        },
      },
      async (request) => {
        const q = request.query;
        await waitForPosition(services, q.minPosition === undefined ? undefined : BigInt(q.minPosition), COVERAGE_READ_MODELS, services.minPositionTimeoutMs);
        const scope = await readScope(services, actorOf(request));
        if (scope.kind === 'cadre') throw new ApiError('FORBIDDEN', 'coverage is for organizers, inspectors and committees');
        const at = q.at ?? todayInVietnam(services.now().toISOString());
        const db = services.database.db;
        // Kept while assignments and units stay as they were (AnswerCache): visits do not touch them.
        const coverage = await answerCacheOf(services.database).answer(db, COVERAGE_READ_MODELS,
          JSON.stringify(['coverage', scope, q.province ?? null, at, q.limit, q.offset]), async () => {
            const within = narrowUnits(scope, q.province ? await unitsUnder(db, q.province, at) : undefined);
            return coverageOn(db, { at, ...(within ? { within } : {}), limit: q.limit, offset: q.offset });
          });
        return { at, ...coverage, limit: q.limit, offset: q.offset };
      },
    );
  };
