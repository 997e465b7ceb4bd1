import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mapRows, type MapRow } from '#projections/currentMap/queries.js';
import { unitsUnder } from '#projections/unitLineage/queries.js';
import { actorOf } from '../../../auth/authenticate.js';
import { todayInVietnam } from '../../../domain/time.js';
import { waitForPosition } from '../../../projections/waitForPosition.js';
import type { AppServices } from '../../AppServices.js';
import { AtDate, MinPosition, Paging, ProvinceCode } from './querySchemas.js';
import { narrowUnits, readScope } from './scope.js';

const Query = z.object({ province: ProvinceCode.optional(), at: AtDate.optional(), ...Paging, ...MinPosition }).strict();

const Named = { name: z.string().nullable() };
const Board = z.object({
  code: z.string(), ...Named,
  cadres: z.array(z.object({
    cadreId: z.string(), ...Named, position: z.string().nullable(), agency: z.object({ agencyId: z.string(), ...Named }).nullable(),
    units: z.array(z.object({ code: z.string(), ...Named, kind: z.string(), assignmentId: z.string(), since: z.string() })),
  })),
  units: z.array(z.object({
    code: z.string(), ...Named,
    cadres: z.array(z.object({ cadreId: z.string(), ...Named, kind: z.string() })),
    agencies: z.array(z.object({ agencyId: z.string(), ...Named, programme: z.string().nullable() })),
  })),
});
type Board = z.infer<typeof Board>;

/** Groups the map's rows per board both ways: cadre → units and unit → cadres and agencies. */
function boardsOf(rows: readonly MapRow[], names: ReadonlyMap<string, unknown>): Board[] {
  const boards = new Map<string, Board>();
  for (const r of rows) {
    const board = boards.get(r.board) ?? { code: r.board, name: r.boardName, cadres: [], units: [] };
    boards.set(r.board, board);
    let unit = board.units.find((u) => u.code === r.unitCode);
    if (!unit) board.units.push((unit = { code: r.unitCode, name: r.unitName, cadres: [], agencies: [] }));
    if (r.holderKind === 'agency' && r.agencyId) {
      unit.agencies.push({ agencyId: r.agencyId, name: r.agencyName, programme: r.programme });
      continue;
    }
    if (!r.cadreId) continue;
    const name = r.cadreNameCommitment ? names.get(r.cadreNameCommitment) : undefined;
    const cadreName = typeof name === 'string' ? name : null;
    unit.cadres.push({ cadreId: r.cadreId, name: cadreName, kind: r.kind });
    let cadre = board.cadres.find((c) => c.cadreId === r.cadreId);
    if (!cadre) {
      const agency = r.cadreAgencyId ? { agencyId: r.cadreAgencyId, name: r.cadreAgencyName } : null;
      board.cadres.push((cadre = { cadreId: r.cadreId, name: cadreName, position: r.cadrePosition, agency, units: [] }));
    }
    cadre.units.push({ code: r.unitCode, name: r.unitName, kind: r.kind, assignmentId: r.assignmentId, since: r.validFrom });
  }
  return [...boards.values()];
}

/**
 * GET /v1/map: the assignments in force on a date (today by default), per assigning committee.
 * Cadres' names are revealed from the personal-data vault at query time (an erased name is null).
 */
export const mapRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/map',
      {
        schema: {
          tags: ['read models'], summary: 'Current map: cadre → units and unit → cadres per committee', querystring: Query,
          description: 'Roles: admin; organizer, inspector, viewer (their province); unit-committee (its unit); cadre (itself). Paginated by board.',
          response: { 200: z.object({ at: z.string(), totalBoards: z.number(), boards: z.array(Board), limit: z.number(), offset: z.number() }) },
        },
      },
      async (request) => {
        const q = request.query;
        await waitForPosition(services, q.minPosition === undefined ? undefined : BigInt(q.minPosition), ['assignment-history', 'directory', 'unit-lineage'], services.minPositionTimeoutMs);
        const at = q.at ?? todayInVietnam(services.now().toISOString());
        const db = services.database.db;
        const scope = await readScope(services, actorOf(request));
        const within = narrowUnits(scope, q.province ? await unitsUnder(db, q.province, at) : undefined);
        const { boards, rows } = await mapRows(db, {
          at, ...(within ? { within } : {}), ...(scope.kind === 'cadre' ? { cadreId: scope.cadreId } : {}), limit: q.limit, offset: q.offset,
        });
        const names = await services.personalData.reveal([...new Set(rows.flatMap((r) => (r.cadreNameCommitment ? [r.cadreNameCommitment] : [])))]);
        return { at, totalBoards: boards, boards: boardsOf(rows, names), limit: q.limit, offset: q.offset };
      },
    );
  };
