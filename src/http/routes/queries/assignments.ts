import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuid } from '#events/common.js';
import { queryAssignments } from '#projections/assignmentHistory/queries.js';
import { predecessorsOf } from '#projections/unitLineage/queries.js';
import { actorOf } from '../../../auth/authenticate.js';
import { waitForPosition } from '../../../projections/waitForPosition.js';
import type { AppServices } from '../../AppServices.js';
import { AtDate, MinPosition, Paging, QueryFlag, UnitCodeParam } from './querySchemas.js';
import { narrowUnits, readScope } from './scope.js';

const Query = z.object({
  unit: UnitCodeParam.optional(),
  cadre: uuid.optional(),
  at: AtDate.optional(),
  knownAt: z.iso.datetime({ offset: true }).optional().describe('ISO timestamp: as the ledger knew it then'),
  includePredecessors: QueryFlag.describe('with unit=: also the units merged into it, transitively'),
  ...Paging,
  ...MinPosition,
}).strict();

const Row = z.object({
  assignmentId: z.string(), board: z.string(), holderKind: z.enum(['cadre', 'agency']), cadreId: z.string().nullable(), agencyId: z.string().nullable(),
  unitCode: z.string(), kind: z.string(), programme: z.string().nullable(), decisionRef: z.string(), decisionDate: z.string(),
  congressTerm: z.string().nullable(), overrideReason: z.string().nullable(), rotatedFrom: z.string().nullable(), validFrom: z.string(),
  validTo: z.string().nullable().describe('exclusive'), endReason: z.string().nullable(), recordedFrom: z.string(), recordedTo: z.string().nullable(), position: z.string(),
});

/**
 * GET /v1/assignments: who followed which unit, when (valid time) and as known when (transaction
 * time); without `at`, the whole timeline of a unit or a cadre.
 */
export const assignmentRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/assignments',
      {
        schema: {
          tags: ['read models'], summary: 'Assignment history (bitemporal)', querystring: Query,
          description: 'Roles: admin; organizer, inspector, viewer (their province); unit-committee (its unit); cadre (itself).',
          response: { 200: z.object({ items: z.array(Row), limit: z.number(), offset: z.number() }) },
        },
      },
      async (request) => {
        const q = request.query;
        const names = q.includePredecessors ? ['assignment-history', 'unit-lineage'] : ['assignment-history'];
        await waitForPosition(services, q.minPosition === undefined ? undefined : BigInt(q.minPosition), names, services.minPositionTimeoutMs);
        const scope = await readScope(services, actorOf(request));
        const db = services.database.db;
        const asked = q.unit === undefined ? undefined : [q.unit, ...(q.includePredecessors ? (await predecessorsOf(db, q.unit)).map((p) => p.code) : [])];
        // A cadre asking for another cadre gets nothing, as an organizer asking outside the province.
        if (scope.kind === 'cadre' && q.cadre !== undefined && q.cadre !== scope.cadreId) return { items: [], limit: q.limit, offset: q.offset };
        const cadreId = scope.kind === 'cadre' ? scope.cadreId : q.cadre;
        const unitCodes = narrowUnits(scope, asked);
        const items = await queryAssignments(db, {
          ...(unitCodes ? { unitCodes } : {}), ...(cadreId ? { cadreId } : {}), ...(q.at ? { at: q.at } : {}),
          ...(q.knownAt ? { knownAt: new Date(q.knownAt) } : {}), limit: q.limit, offset: q.offset,
        });
        return { items, limit: q.limit, offset: q.offset };
      },
    );
  };
