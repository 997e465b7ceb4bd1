import { sql } from 'kysely';
import type { Executor } from '#src/projections/Projection.js';
import { inUnits } from '../unitSet.js';

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
const scoped = (column: string, within?: readonly string[]) => (within ? sql`AND ${inUnits(sql.ref(column), within)}` : sql``);

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

export interface Coverage {
  communesWithoutFollower: Page<{ code: string; name: string; cadreIds: string[] }>;
  communesWithSeveralFollowers: Page<{ code: string; name: string; cadreIds: string[] }>;
  cadresWithSeveralUnits: Page<{ cadreId: string; unitCodes: string[] }>;
  pastTerm: Page<Awaited<ReturnType<typeof pastTerm>>['items'][number]>;
}

/**
 * The four lists of the coverage dashboard in one statement: the assignments in force are read
 * once, the communes grouped once, one plan and one round trip instead of four (the four separate
 * reads above, each planned and scanning on its own, took a core for ~20 ms per answer). The
 * functions above are the definitions this is held to (test/projections/coverageAndMap.test.ts).
 * Totals count every match even when the page is past the end. Followers are counted per commune
 * without collecting them (a commune without one has none to list); their ids are gathered only for
 * the page of communes with several, and units only for the cadres that follow several: an
 * aggregate with DISTINCT or ORDER BY sorts each group, and collecting for every commune and every
 * cadre in force (2,000 of each at the bench's size) took half of the statement's 13 ms.
 */
export async function coverageOn(db: Executor, q: CoverageQuery): Promise<Coverage> {
  const page = sql`LIMIT ${q.limit} OFFSET ${q.offset}`;
  const rows = await sql<{
    none_total: number; none_items: Coverage['communesWithoutFollower']['items'];
    several_total: number; several_items: Coverage['communesWithSeveralFollowers']['items'];
    busy_total: number; busy_items: Coverage['cadresWithSeveralUnits']['items'];
    past_total: number; past_items: Coverage['pastTerm']['items'];
  }>`
    WITH in_force AS MATERIALIZED (
      SELECT DISTINCT a.unit_code, a.cadre_id FROM assignment_versions a WHERE ${inForce(q.at)} ${scoped('a.unit_code', q.within)}
    ), communes AS MATERIALIZED (
      SELECT u.code, u.name, count(f.cadre_id) AS followers
      FROM units u LEFT JOIN in_force f ON f.unit_code = u.code
      WHERE u.level = 'commune' AND u.established_on <= ${q.at}::date AND (u.dissolved_on IS NULL OR u.dissolved_on > ${q.at}::date) ${scoped('u.code', q.within)}
      GROUP BY u.code, u.name
    ), several AS MATERIALIZED (
      SELECT c.code, c.name FROM communes c WHERE c.followers > 1 ORDER BY c.code ${page}
    ), busy AS MATERIALIZED (
      SELECT f.cadre_id, array_agg(f.unit_code ORDER BY f.unit_code) AS "unitCodes"
      FROM in_force f WHERE f.cadre_id IN (SELECT b.cadre_id FROM in_force b GROUP BY b.cadre_id HAVING count(*) > 1)
      GROUP BY f.cadre_id
    ), past AS MATERIALIZED (
      SELECT a.assignment_id AS "assignmentId", a.board, a.holder_kind AS "holderKind", a.cadre_id::text AS "cadreId", a.agency_id::text AS "agencyId",
             a.unit_code AS "unitCode", a.valid_from::text AS "validFrom", (a.valid_to - 1)::text AS "effectiveUntil", a.congress_term AS "congressTerm",
             a.valid_from AS sort_from
      FROM assignment_versions a
      WHERE a.recorded_to IS NULL AND a.end_reason IS NULL AND a.valid_from <= ${q.at}::date ${scoped('a.unit_code', q.within)}
        AND ((a.valid_to IS NOT NULL AND a.valid_to <= ${q.at}::date)
             OR (a.congress_term IS NOT NULL AND substr(a.congress_term, 6, 4)::int < extract(year FROM ${q.at}::date)))
    )
    SELECT
      (SELECT count(*) FROM communes WHERE followers = 0)::int AS none_total,
      (SELECT coalesce(json_agg(json_build_object('code', c.code, 'name', c.name, 'cadreIds', '{}'::text[]) ORDER BY c.code), '[]')
       FROM (SELECT * FROM communes WHERE followers = 0 ORDER BY code ${page}) AS c) AS none_items,
      (SELECT count(*) FROM communes WHERE followers > 1)::int AS several_total,
      (SELECT coalesce(json_agg(json_build_object('code', c.code, 'name', c.name, 'cadreIds', c."cadreIds") ORDER BY c.code), '[]')
       FROM (SELECT s.code, s.name, array_agg(f.cadre_id::text ORDER BY f.cadre_id::text) AS "cadreIds"
             FROM several s JOIN in_force f ON f.unit_code = s.code GROUP BY s.code, s.name) AS c) AS several_items,
      (SELECT count(*) FROM busy)::int AS busy_total,
      (SELECT coalesce(json_agg(json_build_object('cadreId', b.cadre_id::text, 'unitCodes', b."unitCodes") ORDER BY b.cadre_id), '[]')
       FROM (SELECT * FROM busy ORDER BY cadre_id ${page}) AS b) AS busy_items,
      (SELECT count(*) FROM past)::int AS past_total,
      (SELECT coalesce(json_agg(to_jsonb(p) - 'sort_from' ORDER BY p.sort_from, p."assignmentId"), '[]')
       FROM (SELECT * FROM past ORDER BY sort_from, "assignmentId" ${page}) AS p) AS past_items`.execute(db);
  const r = rows.rows[0]!;
  return {
    communesWithoutFollower: { total: r.none_total, items: r.none_items },
    communesWithSeveralFollowers: { total: r.several_total, items: r.several_items },
    cadresWithSeveralUnits: { total: r.busy_total, items: r.busy_items },
    pastTerm: { total: r.past_total, items: r.past_items },
  };
}
