import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rating, year } from '#events/common.js';
import { queryEvaluations } from '#projections/evaluations/queries.js';
import { answerCacheOf } from '../../../projections/AnswerCache.js';
import type { AppServices } from '../../AppServices.js';
import { DashboardRoles, dashboardRequest } from './attendance.js';
import { MinPosition, Paging, ProvinceCode } from './querySchemas.js';

const Query = z.object({
  year: z.coerce.number().pipe(year).optional().describe('default: every year'),
  province: ProvinceCode.optional().describe("the evaluating committee's province"),
  ...Paging,
  ...MinPosition,
}).strict();

const CadreRating = z.object({
  evaluationId: z.string(), committeeUnitCode: z.string(), cadreId: z.string(), year: z.number(), rating, amendments: z.number(), provinceCode: z.string().nullable(),
});
const UnitRating = z.object({ committeeUnitCode: z.string(), unitCode: z.string(), year: z.number(), rating, provinceCode: z.string().nullable() });
const Distribution = z.object({
  committeeUnitCode: z.string(), year: z.number(), subject: z.enum(['cadres', 'units']), total: z.number(),
  ratings: z.object({ excellent: z.number(), good: z.number(), completed: z.number(), 'not-completed': z.number() }),
});
const Answer = z.object({
  limit: z.number(), offset: z.number(),
  cadres: z.object({ total: z.number(), rows: z.array(CadreRating) }),
  units: z.object({ total: z.number(), rows: z.array(UnitRating) }),
  distribution: z.object({ total: z.number(), items: z.array(Distribution) }),
});

/** GET /v1/dashboard/evaluations: ratings of cadres and communes per year, distribution per committee. */
export const evaluationRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/dashboard/evaluations',
      {
        schema: {
          tags: ['read models'], summary: 'Evaluations: cadre and commune ratings per year, with the distribution per committee',
          description: `${DashboardRoles} \`limit\`/\`offset\` apply to each list, the distribution's committee-years included (the cadres' first, by year and committee, then the communes'); each counts every row that matches.`,
          querystring: Query, response: { 200: Answer },
        },
      },
      async (request) => {
        const q = request.query;
        const { scope } = await dashboardRequest(services, request, ['evaluations'], q.minPosition);
        const query = { scope, limit: q.limit, offset: q.offset, ...(q.year ? { year: q.year } : {}), ...(q.province ? { provinceCode: q.province } : {}) };
        // Kept while the evaluations read model stays as it was (AnswerCache): visits do not touch it.
        const answer = await answerCacheOf(services.database).answer(services.database.db, ['evaluations'],
          JSON.stringify(['evaluations', query]), () => queryEvaluations(services.database.db, query));
        return { ...answer, limit: q.limit, offset: q.offset };
      },
    );
  };
