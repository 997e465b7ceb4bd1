import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuid, year } from '#events/common.js';
import { queryAttendance } from '#projections/attendance/queries.js';
import { scopeOf, type DashboardScope } from '#projections/attendance/scope.js';
import { actorOf } from '../../../auth/authenticate.js';
import { todayInVietnam, yearOf } from '../../../domain/time.js';
import { ApiError } from '../../../errors/ApiError.js';
import { answerCacheOf } from '../../../projections/AnswerCache.js';
import { waitForPosition } from '../../../projections/waitForPosition.js';
import type { AppServices } from '../../AppServices.js';
import { MinPosition, Paging, ProvinceCode } from './querySchemas.js';

/**
 * What every dashboard route does first: wait for `minPosition` (read-your-writes, 503
 * PROJECTION_LAGGING past the bound), then the caller's scope (projections/attendance/scope.ts)
 * and today's date in Vietnam from the injectable clock.
 */
export async function dashboardRequest(
  services: AppServices, request: FastifyRequest, projections: readonly string[], minPosition: string | undefined,
): Promise<{ scope: DashboardScope; today: string }> {
  await waitForPosition(services, minPosition === undefined ? undefined : BigInt(minPosition), projections, services.minPositionTimeoutMs);
  const scope = scopeOf(actorOf(request));
  if (scope.kind === 'nothing') throw new ApiError('FORBIDDEN', 'this token has no scope to read dashboards in');
  return { scope, today: todayInVietnam(services.now().toISOString()) };
}

export const DashboardRoles = 'Roles: admin (all); organizer, inspector, viewer (their province; inspector and viewer without one: all); cadre (itself); unit-committee (its unit and the units beneath); agency (its cadres, the recommendations forwarded to it).';

const Query = z.object({
  year: z.coerce.number().pipe(year).optional().describe('default: this year'),
  province: ProvinceCode.optional(),
  agency: uuid.optional(),
  cadre: uuid.optional(),
  ...Paging,
  ...MinPosition,
}).strict();

const Rollup = z.object({
  key: z.string().nullable(), cadres: z.number(), days: z.number(), visits: z.number(), partyCellMeetings: z.number(),
  required: z.number(), met: z.number(), onTrack: z.number(), behind: z.number(), noQuota: z.number(),
});
const Row = z.object({
  cadreId: z.string(), agencyId: z.string().nullable(), provinceCode: z.string().nullable(), districtCode: z.string().nullable(), year: z.number(),
  days: z.number(), confirmedDays: z.number(), visits: z.number(), partyCellMeetings: z.number(), activities: z.record(z.string(), z.number()),
  quota: z.object({ policyId: z.string(), reference: z.string(), kind: z.string(), required: z.number(), assignedDays: z.number() }).nullable(),
  status: z.enum(['met', 'on-track', 'behind', 'no-quota']),
});
const Answer = z.object({
  year: z.number(), today: z.string(), total: z.number(), limit: z.number(), offset: z.number(), rows: z.array(Row),
  rollups: z.object({ agencies: z.array(Rollup), districts: z.array(Rollup), provinces: z.array(Rollup) }),
});

/** GET /v1/dashboard/attendance: days at the grassroots against the quota, per cadre and year. */
export const attendanceRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/dashboard/attendance',
      {
        schema: {
          tags: ['read models'], summary: 'Attendance: days, visits, cell meetings and activities per cadre and year, against the quota',
          description: `${DashboardRoles} Roll-ups cover every row that matches, not only the page.`,
          querystring: Query, response: { 200: Answer },
        },
      },
      async (request) => {
        const q = request.query;
        const { scope, today } = await dashboardRequest(services, request, ['attendance'], q.minPosition);
        const query = {
          year: q.year ?? yearOf(today), scope, today, limit: q.limit, offset: q.offset,
          ...(q.province ? { provinceCode: q.province } : {}), ...(q.agency ? { agencyId: q.agency } : {}), ...(q.cadre ? { cadreId: q.cadre } : {}),
        };
        // Kept until the attendance read model next changes (AnswerCache): a visit moves it.
        const answer = await answerCacheOf(services.database).answer(services.database.db, ['attendance'],
          JSON.stringify(['attendance', query]), () => queryAttendance(services.database.db, query));
        return { ...answer, limit: q.limit, offset: q.offset };
      },
    );
  };
