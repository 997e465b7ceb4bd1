import { sql } from 'kysely';
import type { Executor } from '#src/projections/Projection.js';

/**
 * Coverage on a date, as a view of assignment-history and unit-lineage (like the map: "active on
 * `at`" and "past its term" move with the date, so nothing is stored). A follower is a cadre with
 * a `follow` assignment in force; agencies supporting a commune and party-cell assignments are not.
 */
export interface CoverageQuery {
  at: string;
  /** Only these units (a caller's or the `province=` scope). */
  within?: readonly string[];
  limit: number;
  offset: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}

const inForce = (at: string) =>
  sql`a.recorded_to IS NULL AND a.holder_kind = 'cadre' AND a.kind = 'follow' AND a.valid_from <= ${at}::date AND (a.valid_to IS NULL OR a.valid_to > ${at}::date)`;
const scoped = (column: string, within?: readonly string[]) => (within ? sql`AND ${sql.ref(column)} = ANY (${[...within]}::text[])` : sql``);

function page<R extends { total: number }>(rows: R[]): Page<Omit<R, 'total'>> {
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...r }) => r) };
}

/** Communes in existence on `at` whose number of followers satisfies `having` (= 0, or > 1). */
export async function communesByFollowers(db: Executor, q: CoverageQuery, having: 'none' | 'several') {
  const rows = await sql<{ code: string; name: string; cadreIds: string[]; total: number }>`
    SELECT u.code, u.name, coalesce(array_agg(DISTINCT a.cadre_id::text) FILTER (WHERE a.cadre_id IS NOT NULL), '{}') AS "cadreIds",
           (count(*) OVER ())::int AS total
    FROM units u
    LEFT JOIN assignment_versions a ON a.unit_code = u.code AND ${inForce(q.at)}
    WHERE u.level = 'commune' AND u.established_on <= ${q.at}::date AND (u.dissolved_on IS NULL OR u.dissolved_on > ${q.at}::date) ${scoped('u.code', q.within)}
    GROUP BY u.code, u.name
    HAVING count(DISTINCT a.cadre_id) ${having === 'none' ? sql`= 0` : sql`> 1`}
    ORDER BY u.code LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return page(rows.rows);
}

/** Cadres following more than one unit on `at` (the regulations: fix it "at once"). */
export async function cadresWithSeveralUnits(db: Executor, q: CoverageQuery) {
  const rows = await sql<{ cadreId: string; unitCodes: string[]; total: number }>`
    SELECT a.cadre_id::text AS "cadreId", array_agg(DISTINCT a.unit_code ORDER BY a.unit_code) AS "unitCodes", (count(*) OVER ())::int AS total
    FROM assignment_versions a WHERE ${inForce(q.at)} ${scoped('a.unit_code', q.within)}
    GROUP BY a.cadre_id HAVING count(DISTINCT a.unit_code) > 1
    ORDER BY a.cadre_id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return page(rows.rows);
}

/**
 * Assignments not ended whose term is over before `at`: their last day (effectiveUntil, stored as
 * the exclusive valid_to) is before it, or their congress term's last year is. A term "2020-2025"
 * is taken to run to 31 December 2025: congresses close terms during their last year.
 */
export async function pastTerm(db: Executor, q: CoverageQuery) {
  const rows = await sql<{ assignmentId: string; board: string; holderKind: string; cadreId: string | null; agencyId: string | null; unitCode: string;
    validFrom: string; effectiveUntil: string | null; congressTerm: string | null; total: number }>`
    SELECT a.assignment_id AS "assignmentId", a.board, a.holder_kind AS "holderKind", a.cadre_id::text AS "cadreId", a.agency_id::text AS "agencyId",
           a.unit_code AS "unitCode", a.valid_from::text AS "validFrom", (a.valid_to - 1)::text AS "effectiveUntil", a.congress_term AS "congressTerm",
           (count(*) OVER ())::int AS total
    FROM assignment_versions a
    WHERE a.recorded_to IS NULL AND a.end_reason IS NULL AND a.valid_from <= ${q.at}::date ${scoped('a.unit_code', q.within)}
      AND ((a.valid_to IS NOT NULL AND a.valid_to <= ${q.at}::date)
           OR (a.congress_term IS NOT NULL AND substr(a.congress_term, 6, 4)::int < extract(year FROM ${q.at}::date)))
    ORDER BY a.valid_from, a.assignment_id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return page(rows.rows);
}
