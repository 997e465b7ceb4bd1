import { sql } from 'kysely';
import type { Executor } from '#src/projections/Projection.js';
import { inUnits } from '../unitSet.js';

/**
 * The map is a view of three read models on one date (today unless asked), not a table of its own:
 * "current" moves with the calendar, so stored rows would go stale at midnight without an event.
 * It reads assignment-history (what is in force), directory (names) and unit-lineage (scopes).
 */
export interface MapRow {
  board: string;
  boardName: string | null;
  assignmentId: string;
  holderKind: 'cadre' | 'agency';
  cadreId: string | null;
  cadreNameCommitment: string | null;
  cadrePosition: string | null;
  cadreAgencyId: string | null;
  cadreAgencyName: string | null;
  agencyId: string | null;
  agencyName: string | null;
  unitCode: string;
  unitName: string | null;
  kind: string;
  programme: string | null;
  validFrom: string;
}

export interface MapQuery {
  at: string;
  /** Only assignments to these units (a province's, a committee's). */
  within?: readonly string[];
  cadreId?: string;
  /** Pagination is over boards (assigning committees), so a board is never cut in two. */
  limit: number;
  offset: number;
}

export async function mapRows(db: Executor, q: MapQuery): Promise<{ boards: number; rows: MapRow[] }> {
  const filter = sql`a.recorded_to IS NULL AND a.valid_from <= ${q.at}::date AND (a.valid_to IS NULL OR a.valid_to > ${q.at}::date)
    ${q.within ? sql`AND ${inUnits(sql.ref('a.unit_code'), q.within)}` : sql``}
    ${q.cadreId ? sql`AND a.cadre_id = ${q.cadreId}::uuid` : sql``}`;
  const boards = await sql<{ board: string; total: number }>`
    SELECT board, (count(*) OVER ())::int AS total FROM (SELECT DISTINCT a.board FROM assignment_versions a WHERE ${filter}) b
    ORDER BY board LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  const chosen = boards.rows.map((b) => b.board);
  if (chosen.length === 0) return { boards: 0, rows: [] };
  const rows = await sql<MapRow>`
    SELECT a.board, bu.name AS "boardName", a.assignment_id AS "assignmentId", a.holder_kind AS "holderKind", a.cadre_id AS "cadreId",
           c.full_name_commitment AS "cadreNameCommitment", c.position AS "cadrePosition", c.agency_id AS "cadreAgencyId", ca.name AS "cadreAgencyName",
           a.agency_id AS "agencyId", ag.name AS "agencyName", a.unit_code AS "unitCode", u.name AS "unitName", a.kind, a.programme,
           a.valid_from::text AS "validFrom"
    FROM assignment_versions a
    LEFT JOIN directory_units bu ON bu.code = a.board
    LEFT JOIN directory_units u ON u.code = a.unit_code
    LEFT JOIN directory_cadres c ON c.cadre_id = a.cadre_id
    LEFT JOIN directory_agencies ca ON ca.agency_id = c.agency_id
    LEFT JOIN directory_agencies ag ON ag.agency_id = a.agency_id
    WHERE ${filter} AND a.board = ANY (${chosen}::text[])
    ORDER BY a.board, a.unit_code, a.holder_kind, a.assignment_id`.execute(db);
  return { boards: boards.rows[0]?.total ?? 0, rows: rows.rows };
}
