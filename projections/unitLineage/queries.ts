import { sql } from 'kysely';
import type { Executor } from '#src/projections/Projection.js';
import { foldedPattern } from './fold.js';

export interface UnitRow {
  code: string;
  level: string;
  name: string;
  type: string;
  parentCode: string | null;
  establishedOn: string;
  dissolvedOn: string | null;
  dissolutionReason: string | null;
  successorCodes: string[];
}

export interface UnitListQuery {
  parent?: string;
  level?: string;
  /** Matched against names with or without diacritics. */
  q?: string;
  /** Units in existence on this date, with the name and parent they had then. */
  at?: string;
  /** Only these codes (a caller's scope). */
  within?: readonly string[];
  limit: number;
  offset: number;
}

const ON = (at: string) => sql`valid_from <= ${at}::date AND (valid_to IS NULL OR valid_to > ${at}::date)`;

/** Units by parent, level and name; on a date, the names and parents of that date. */
export async function listUnits(db: Executor, q: UnitListQuery): Promise<UnitRow[]> {
  const at = q.at;
  const name = at ? sql`(SELECT n.name FROM unit_names n WHERE n.code = u.code AND ${ON(at)} ORDER BY n.position DESC LIMIT 1)` : sql`u.name`;
  const folded = at ? sql`(SELECT n.folded_name FROM unit_names n WHERE n.code = u.code AND ${ON(at)} ORDER BY n.position DESC LIMIT 1)` : sql`u.folded_name`;
  const parent = at ? sql`(SELECT p.parent_code FROM unit_parents p WHERE p.code = u.code AND ${ON(at)} ORDER BY p.position DESC LIMIT 1)` : sql`u.parent_code`;
  const rows = await sql<UnitRow>`
    SELECT * FROM (
      SELECT u.code, u.level, ${name} AS name, ${folded} AS folded, u.type, ${parent} AS "parentCode", u.established_on::text AS "establishedOn",
             u.dissolved_on::text AS "dissolvedOn", u.dissolution_reason AS "dissolutionReason", u.successor_codes AS "successorCodes"
      FROM units u
      WHERE TRUE
        ${at ? sql`AND u.established_on <= ${at}::date AND (u.dissolved_on IS NULL OR u.dissolved_on > ${at}::date)` : sql``}
        ${q.level ? sql`AND u.level = ${q.level}` : sql``}
        ${q.within ? sql`AND u.code = ANY (${[...q.within]}::text[])` : sql``}
    ) x
    WHERE TRUE
      ${q.parent ? sql`AND x."parentCode" = ${q.parent}` : sql``}
      ${q.q ? sql`AND x.folded LIKE ${foldedPattern(q.q)}` : sql``}
    ORDER BY x.code
    LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return rows.rows.map(({ folded: _folded, ...r }: UnitRow & { folded?: string }) => r);
}

export interface UnitChange {
  kind: string;
  effectiveDate: string;
  decisionRef: string | null;
  detail: unknown;
  position: string;
}

/** One unit with its whole history: names, parents, changes, predecessors (merges in, transitively). */
export async function unitWithHistory(db: Executor, code: string) {
  const unit = (await listUnits(db, { within: [code], limit: 1, offset: 0 }))[0];
  if (!unit) return undefined;
  const names = await sql<{ name: string; type: string; validFrom: string; validTo: string | null }>`
    SELECT name, type, valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM unit_names WHERE code = ${code} ORDER BY valid_from, position`.execute(db);
  const parents = await sql<{ parentCode: string; validFrom: string; validTo: string | null }>`
    SELECT parent_code AS "parentCode", valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM unit_parents WHERE code = ${code} ORDER BY valid_from, position`.execute(db);
  const changes = await sql<UnitChange>`
    SELECT kind, effective_date::text AS "effectiveDate", decision_ref AS "decisionRef", detail, position::text AS position
    FROM unit_changes WHERE code = ${code} ORDER BY effective_date, position, kind`.execute(db);
  return { ...unit, names: names.rows, parents: parents.rows, history: changes.rows, predecessors: await predecessorsOf(db, code) };
}

/** Every unit merged (wholly or in part) into `code`, and into those, and so on, with the merge. */
export async function predecessorsOf(db: Executor, code: string): Promise<{ code: string; intoCode: string; mergeType: string; effectiveDate: string }[]> {
  const rows = await sql<{ code: string; intoCode: string; mergeType: string; effectiveDate: string }>`
    WITH RECURSIVE pred(code, into_code, merge_type, effective_date) AS (
      SELECT from_code, into_code, merge_type, effective_date FROM unit_merges WHERE into_code = ${code} AND from_code <> into_code
      UNION
      SELECT m.from_code, m.into_code, m.merge_type, m.effective_date FROM unit_merges m JOIN pred p ON m.into_code = p.code WHERE m.from_code <> m.into_code
    )
    SELECT code, into_code AS "intoCode", merge_type AS "mergeType", effective_date::text AS "effectiveDate" FROM pred ORDER BY effective_date, code`.execute(db);
  return rows.rows;
}

/**
 * `root` and every unit below it: on a date (parents of that date), or at any time when `at` is
 * absent (so a scope keeps the communes that were merged away or moved out).
 */
export async function unitsUnder(db: Executor, root: string, at?: string): Promise<string[]> {
  // On a date, a dissolved unit holds nothing: its parent rows are not closed by the dissolution.
  const valid = at
    ? sql`AND p.valid_from <= ${at}::date AND (p.valid_to IS NULL OR p.valid_to > ${at}::date)
          AND EXISTS (SELECT 1 FROM units x WHERE x.code = p.code AND x.established_on <= ${at}::date AND (x.dissolved_on IS NULL OR x.dissolved_on > ${at}::date))`
    : sql``;
  const rows = await sql<{ code: string }>`
    WITH RECURSIVE under(code) AS (
      SELECT ${root}::text
      UNION
      SELECT p.code FROM unit_parents p JOIN under u ON p.parent_code = u.code WHERE TRUE ${valid}
    )
    SELECT code FROM under`.execute(db);
  return rows.rows.map((r) => r.code);
}
