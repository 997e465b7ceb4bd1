import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { year } from '#events/common.js';
import { queryReports } from '#projections/reports/queries.js';
import { yearOf } from '../../../domain/time.js';
import { answerCacheOf } from '../../../projections/AnswerCache.js';
import type { AppServices } from '../../AppServices.js';
import { DashboardRoles, dashboardRequest } from './attendance.js';
import { MinPosition, Paging, ProvinceCode } from './querySchemas.js';

const Query = z.object({
  year: z.coerce.number().pipe(year).optional().describe('the year the visits ended; default this year'),
  province: ProvinceCode.optional().describe("the visited unit's province"),
  ...Paging,
  ...MinPosition,
}).strict();

const Rate = z.object({
  key: z.string().nullable(), visits: z.number(), due: z.number(), filed: z.number(), onTime: z.number(), amended: z.number(),
  filedRate: z.number().nullable(), onTimeRate: z.number().nullable(),
});
const Row = z.object({
  visitId: z.string(), cadreId: z.string(), agencyId: z.string().nullable(), unitCode: z.string(), provinceCode: z.string().nullable(),
  startDate: z.string(), endDate: z.string(), visitStatus: z.string(), reportId: z.string().nullable(), filedOn: z.string().nullable(),
  dueDate: z.string().nullable(), state: z.enum(['on-time', 'late', 'filed', 'missing', 'pending']), amended: z.boolean(), amendments: z.number(),
});
const Answer = z.object({
  year: z.number(), total: z.number().describe('visits (rows before paging)'), limit: z.number(), offset: z.number(), rows: z.array(Row),
  cadres: z.number().describe('cadres with a rate (byCadre before paging)'), byCadre: z.array(Rate), byAgency: z.array(Rate),
});

/** GET /v1/dashboard/reports: per visit, was the report filed, on time, amended; rates. */
export const reportRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/dashboard/reports',
      {
        schema: {
          tags: ['read models'], summary: 'Reports: filed, on time by the policy’s deadline, amended, per visit; rates per cadre and agency',
          description: `${DashboardRoles} Rates are over the reports due (filed or past the deadline). \`limit\`/\`offset\` apply to \`rows\` and to \`byCadre\` (in cadre id order); \`byAgency\` is whole.`,
          querystring: Query, response: { 200: Answer },
        },
      },
      async (request) => {
        const q = request.query;
        const { scope, today } = await dashboardRequest(services, request, ['reports'], q.minPosition);
        const query = { year: q.year ?? yearOf(today), scope, today, limit: q.limit, offset: q.offset, ...(q.province ? { provinceCode: q.province } : {}) };
        // Kept until the reports read model next changes (AnswerCache): a visit or report event moves it.
        const answer = await answerCacheOf(services.database).answer(services.database.db, ['reports'],
          JSON.stringify(['reports', query]), () => queryReports(services.database.db, query));
        return { ...answer, limit: q.limit, offset: q.offset };
      },
    );
  };
