import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuid } from '#events/common.js';
import { queryRecommendations } from '#projections/recommendations/queries.js';
import { answerCacheOf } from '../../../projections/AnswerCache.js';
import type { AppServices } from '../../AppServices.js';
import { DashboardRoles, dashboardRequest } from './attendance.js';
import { MinPosition, Paging, ProvinceCode } from './querySchemas.js';

const Query = z.object({
  province: ProvinceCode.optional(),
  agency: uuid.optional(),
  status: z.enum(['open', 'answered', 'overdue', 'closed']).optional(),
  ...Paging,
  ...MinPosition,
}).strict();

const Row = z.object({
  recommendationId: z.string(), cadreId: z.string(), unitCode: z.string(), provinceCode: z.string().nullable(), visitId: z.string(),
  reportId: z.string(), raisedOn: z.string(), status: z.enum(['raised', 'forwarded', 'answered', 'closed']), agencyId: z.string().nullable(),
  dueDate: z.string().nullable(), answeredOn: z.string().nullable(), closedOn: z.string().nullable(), outcome: z.string().nullable(),
  open: z.boolean(), overdue: z.boolean(), ageDays: z.number(),
});
const Agency = z.object({
  agencyId: z.string().nullable(), open: z.number(), answered: z.number(), closed: z.number(), overdue: z.number(),
  oldestOpenDays: z.number().nullable(), meanDaysToAnswer: z.number().nullable(),
});
const Answer = z.object({ total: z.number(), limit: z.number(), offset: z.number(), rows: z.array(Row), byAgency: z.array(Agency) });

/** GET /v1/dashboard/recommendations: open, answered, overdue, by agency, with ages. */
export const recommendationRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/dashboard/recommendations',
      {
        schema: {
          tags: ['read models'], summary: 'Recommendations: open, answered, overdue by agency, with ages in days',
          description: `${DashboardRoles} \`status\` filters the rows; the per-agency figures cover every status.`,
          querystring: Query, response: { 200: Answer },
        },
      },
      async (request) => {
        const q = request.query;
        const { scope, today } = await dashboardRequest(services, request, ['recommendations'], q.minPosition);
        const query = {
          scope, today, limit: q.limit, offset: q.offset,
          ...(q.province ? { provinceCode: q.province } : {}), ...(q.agency ? { agencyId: q.agency } : {}), ...(q.status ? { status: q.status } : {}),
        };
        // Kept while the recommendations read model stays as it was (AnswerCache): visits do not touch it.
        const answer = await answerCacheOf(services.database).answer(services.database.db, ['recommendations'],
          JSON.stringify(['recommendations', query]), () => queryRecommendations(services.database.db, query));
        return { ...answer, limit: q.limit, offset: q.offset };
      },
    );
  };
