import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '#events/common.js';
import { querySummary } from '#projections/summary/queries.js';
import { ApiError } from '../../../errors/ApiError.js';
import type { AppServices } from '../../AppServices.js';
import { DashboardRoles, dashboardRequest } from './attendance.js';
import { MinPosition, ProvinceCode } from './querySchemas.js';

const Query = z.object({
  province: ProvinceCode.optional(),
  from: isoDate.optional().describe('default: 1 January of this year'),
  to: isoDate.optional().describe('default: today'),
  ...MinPosition,
}).strict();

const Answer = z.object({
  provinceCode: z.string().nullable(), from: z.string(), to: z.string(), officials: z.number(), visits: z.number(), days: z.number(),
  partyCellMeetings: z.number(), reportsDue: z.number(), reportsFiled: z.number(), reportsOnTime: z.number(),
  recommendationsRaised: z.number(), recommendationsAnswered: z.number(),
});

/** GET /v1/dashboard/summary: the figures a province publishes for a period. */
export const summaryRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/dashboard/summary',
      {
        schema: {
          tags: ['read models'], summary: 'Summary for a province and period: officials, visits, days, cell meetings, reports, recommendations',
          description: `${DashboardRoles} Read from the reports and recommendations read models.`,
          querystring: Query, response: { 200: Answer },
        },
      },
      async (request) => {
        const q = request.query;
        const { scope, today } = await dashboardRequest(services, request, ['reports', 'recommendations'], q.minPosition);
        const from = q.from ?? `${today.slice(0, 4)}-01-01`;
        const to = q.to ?? today;
        if (to < from) throw new ApiError('VALIDATION_FAILED', `the period ends (${to}) before it starts (${from})`, 'querystring.to');
        return querySummary(services.database.db, { from, to, scope, today, ...(q.province ? { provinceCode: q.province } : {}) });
      },
    );
  };
