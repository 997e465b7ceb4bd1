import { sql } from 'kysely';
import type { Executor, ProjectedEvent } from '#src/projections/Projection.js';
import type { UnitKey } from './facets.js';

interface CadreRating { evaluation_id: string; committee_unit_code: string; cadre_id: string; year: number; rating: string; amendments: number; position: string }

const NAMES = 'evaluation_id, committee_unit_code, cadre_id, year, rating, amendments, position';
const COLUMNS = 'evaluation_id uuid, committee_unit_code text, cadre_id uuid, year integer, rating text, amendments integer, position bigint';

/**
 * Cadre evaluations of a batch in at most three statements: read the evaluations it names, replay
 * it in memory, write new and changed rows back. Same rules as one statement per event: an
 * evaluation is recorded once (a repeat changes nothing); an amendment replaces the rating when it
 * gives one and is counted, as in evaluation/state.ts.
 */
export async function applyCadreRatings(trx: Executor, t: string, events: readonly ProjectedEvent[]): Promise<string[]> {
  const ids = [...new Set(events.flatMap((e) => (e.type === 'CadreEvaluated' || e.type === 'CadreEvaluationAmended' ? [e.data.evaluationId] : [])))];
  if (ids.length === 0) return [];
  const rows = new Map<string, { row: CadreRating; existed: boolean; dirty: boolean }>();
  const existing = await sql<CadreRating>`SELECT ${sql.raw(NAMES.replace('position', 'position::text AS position'))}
    FROM ${sql.table(t)} WHERE evaluation_id = ANY (${ids}::uuid[])`.execute(trx);
  for (const row of existing.rows) rows.set(row.evaluation_id, { row, existed: true, dirty: false });
  for (const e of events) {
    if (e.type === 'CadreEvaluated' && !rows.has(e.data.evaluationId)) {
      const { evaluationId, committeeUnitCode, cadreId, year, rating } = e.data;
      rows.set(evaluationId, { existed: false, dirty: true, row: {
        evaluation_id: evaluationId, committee_unit_code: committeeUnitCode, cadre_id: cadreId, year, rating, amendments: 0, position: e.position.toString(),
      } });
    } else if (e.type === 'CadreEvaluationAmended') {
      const touched = rows.get(e.data.evaluationId);
      if (touched === undefined) continue;
      touched.row = { ...touched.row, rating: e.data.rating ?? touched.row.rating, amendments: touched.row.amendments + 1, position: e.position.toString() };
      touched.dirty = true;
    }
  }
  const inserted = [...rows.values()].filter((r) => !r.existed).map((r) => r.row);
  const updated = [...rows.values()].filter((r) => r.existed && r.dirty).map((r) => r.row);
  if (inserted.length > 0) {
    await sql`INSERT INTO ${sql.table(t)} (${sql.raw(NAMES)}) SELECT ${sql.raw(NAMES)}
              FROM jsonb_to_recordset(${JSON.stringify(inserted)}::jsonb) AS r(${sql.raw(COLUMNS)})`.execute(trx);
  }
  if (updated.length > 0) {
    await sql`UPDATE ${sql.table(t)} AS c SET rating = r.rating, amendments = r.amendments, position = r.position
              FROM jsonb_to_recordset(${JSON.stringify(updated)}::jsonb) AS r(${sql.raw(COLUMNS)})
              WHERE c.evaluation_id = r.evaluation_id`.execute(trx);
  }
  return [...inserted, ...updated].map((r) => r.evaluation_id);
}

/**
 * Unit ratings of a batch in one statement. The domain keeps a unit's first rating of a year
 * (evaluation/state.ts): so does this. Returns the keys the batch rated (written now or before).
 */
export async function applyUnitRatings(trx: Executor, t: string, events: readonly ProjectedEvent[]): Promise<UnitKey[]> {
  const first = new Map<string, { committee_unit_code: string; unit_code: string; year: number; rating: string; position: string }>();
  for (const e of events) {
    if (e.type !== 'UnitRated') continue;
    const key = `${e.data.committeeUnitCode}/${e.data.unitCode}/${e.data.year}`;
    if (!first.has(key)) first.set(key, { committee_unit_code: e.data.committeeUnitCode, unit_code: e.data.unitCode, year: e.data.year, rating: e.data.rating, position: e.position.toString() });
  }
  if (first.size === 0) return [];
  await sql`INSERT INTO ${sql.table(t)} (committee_unit_code, unit_code, year, rating, position)
            SELECT committee_unit_code, unit_code, year, rating, position
            FROM jsonb_to_recordset(${JSON.stringify([...first.values()])}::jsonb) AS r(committee_unit_code text, unit_code text, year integer, rating text, position bigint)
            ON CONFLICT DO NOTHING`.execute(trx);
  return [...first.values()].map(({ committee_unit_code, unit_code, year }) => ({ committee_unit_code, unit_code, year }));
}
