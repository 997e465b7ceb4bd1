import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unitLevel } from '#events/common.js';
import { listUnits, unitWithHistory } from '#projections/unitLineage/queries.js';
import { ApiError } from '../../../errors/ApiError.js';
import { waitForPosition } from '../../../projections/waitForPosition.js';
import type { AppServices } from '../../AppServices.js';
import { AtDate, MinPosition, Paging, UnitCodeParam } from './querySchemas.js';

const ListQuery = z.object({
  parent: UnitCodeParam.optional(), level: unitLevel.optional(), q: z.string().trim().min(1).max(200).optional().describe('name, diacritics optional'),
  at: AtDate.optional(), ...Paging, ...MinPosition,
}).strict();

const Unit = z.object({
  code: z.string(), level: z.string(), name: z.string().nullable(), type: z.string(), parentCode: z.string().nullable(), establishedOn: z.string(),
  dissolvedOn: z.string().nullable(), dissolutionReason: z.string().nullable(), successorCodes: z.array(z.string()),
});
const Period = { validFrom: z.string(), validTo: z.string().nullable() };
const UnitPage = Unit.extend({
  names: z.array(z.object({ name: z.string(), type: z.string(), ...Period })),
  parents: z.array(z.object({ parentCode: z.string(), ...Period })),
  history: z.array(z.object({ kind: z.string(), effectiveDate: z.string(), decisionRef: z.string().nullable(), detail: z.unknown(), position: z.string() })),
  predecessors: z.array(z.object({ code: z.string(), intoCode: z.string(), mergeType: z.string(), effectiveDate: z.string() })),
});

const NAMES = ['unit-lineage'];

/**
 * Administrative units and their lineage. Units are public record (the official gazette), so
 * every authenticated role reads all of them.
 */
export const unitRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get(
      '/v1/units',
      {
        schema: {
          tags: ['read models'], summary: 'Units by parent, level and name (with or without diacritics), optionally on a date', querystring: ListQuery,
          description: 'Roles: any.', response: { 200: z.object({ items: z.array(Unit), limit: z.number(), offset: z.number() }) },
        },
      },
      async (request) => {
        const { minPosition, ...q } = request.query;
        await waitForPosition(services, minPosition === undefined ? undefined : BigInt(minPosition), NAMES, services.minPositionTimeoutMs);
        return { items: await listUnits(services.database.db, q), limit: q.limit, offset: q.offset };
      },
    );
    api.get(
      '/v1/units/:code',
      {
        schema: {
          tags: ['read models'], summary: 'One unit with its history: names, parents, merges in and out, dissolution, predecessors',
          params: z.object({ code: UnitCodeParam }), querystring: z.object(MinPosition).strict(), description: 'Roles: any.', response: { 200: UnitPage },
        },
      },
      async (request) => {
        const { minPosition } = request.query;
        await waitForPosition(services, minPosition === undefined ? undefined : BigInt(minPosition), NAMES, services.minPositionTimeoutMs);
        const unit = await unitWithHistory(services.database.db, request.params.code);
        if (!unit) throw new ApiError('NOT_FOUND', `no unit ${request.params.code}`, 'code');
        return unit;
      },
    );
  };
