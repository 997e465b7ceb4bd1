import { sql } from 'kysely';
import type { Executor, ProjectedEvent } from '#src/projections/Projection.js';
import { provinceOf, type Context } from '../attendance/contextQueries.js';
import type { DatedItem } from './items.js';

/**
 * The province summary's recommendation figures pre-counted per day: how many were raised, and
 * answered, that day, per province of the commune on the day raised (`province_key`: the code, ''
 * for a unit in no province, '*' for every province together). A period's figures are a sum over
 * its days (summary/queries.ts).
 *
 * The province is stored on the item (`raised_province_code`), worked out from the context when
 * the item is raised, and again for every item when a unit event arrives (the map changes rarely).
 * A batch recounts the days its items were and are on, from the items (indexes on both dates).
 */
export function recommendationDaysDdl(t: string): string {
  return `
    CREATE TABLE ${t} (
      province_key text    NOT NULL,
      day          date    NOT NULL,
      raised       integer NOT NULL,
      answered     integer NOT NULL,
      PRIMARY KEY (province_key, day)
    );
  `;
}

/** Not UnitRenamed: a rename leaves the unit's level and parents, which place it in a province, as they were. */
const UNIT_EVENTS: ReadonlySet<string> = new Set(['UnitEstablished', 'UnitReparented', 'UnitsMerged', 'UnitDissolved']);

/** A unit event may move communes between provinces: every item's province is worked out again. */
export const movesProvinces = (events: readonly ProjectedEvent[]): boolean => events.some((e) => UNIT_EVENTS.has(e.type));

export interface DayTables { items: string; days: string }

/**
 * After a batch's items were written: the new items' provinces, then the days they touched (or,
 * with 'all', every item's province and every day afresh).
 */
export async function recountDays(trx: Executor, ctx: () => Promise<Context>, tables: DayTables, change: 'all' | readonly DatedItem[]): Promise<void> {
  if (change === 'all') return countAfresh(trx, await ctx(), tables);
  if (change.length === 0) return;
  const fresh = change.filter((i) => !i.existed);
  if (fresh.length > 0) {
    const context = await ctx();
    for (const i of fresh) i.raised_province_code = provinceOf(context, i.unit_code, i.raised_on);
    await setProvinces(trx, tables.items, fresh);
  }
  const keys = new Map<string, { province_key: string; day: string }>();
  for (const i of change) {
    for (const province_key of [i.raised_province_code ?? '', '*']) {
      for (const day of [i.raised_on, i.answered_on]) if (day !== null) keys.set(`${province_key}/${day}`, { province_key, day });
    }
  }
  const touched = sql`jsonb_to_recordset(${JSON.stringify([...keys.values()])}::jsonb) AS k(province_key text, day date)`;
  await sql`DELETE FROM ${sql.table(tables.days)} AS d USING ${touched} WHERE d.province_key = k.province_key AND d.day = k.day`.execute(trx);
  const inProvince = sql`(k.province_key = '*' OR coalesce(i.raised_province_code, '') = k.province_key)`;
  await sql`INSERT INTO ${sql.table(tables.days)} (province_key, day, raised, answered)
            SELECT * FROM (
              SELECT k.province_key, k.day,
                     (SELECT count(*) FROM ${sql.table(tables.items)} AS i WHERE i.raised_on = k.day AND ${inProvince})::int AS raised,
                     (SELECT count(*) FROM ${sql.table(tables.items)} AS i WHERE i.answered_on = k.day AND ${inProvince})::int AS answered
              FROM ${touched}) AS c
            WHERE raised > 0 OR answered > 0`.execute(trx);
}

async function setProvinces(trx: Executor, items: string, rows: ReadonlyArray<Pick<DatedItem, 'recommendation_id' | 'raised_province_code'>>): Promise<void> {
  for (let i = 0; i < rows.length; i += 5_000) {
    const chunk = rows.slice(i, i + 5_000).map((r) => ({ recommendation_id: r.recommendation_id, raised_province_code: r.raised_province_code }));
    await sql`UPDATE ${sql.table(items)} AS i SET raised_province_code = r.raised_province_code
              FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS r(recommendation_id uuid, raised_province_code text)
              WHERE i.recommendation_id = r.recommendation_id`.execute(trx);
  }
}

/**
 * Every item's province worked out again, and every day counted afresh. Only the items whose
 * province moved are written: a unit event moves a few communes, and rewriting every item left as
 * many dead rows (78,000 at 1M events).
 */
async function countAfresh(trx: Executor, ctx: Context, tables: DayTables): Promise<void> {
  const items = (await sql<{ recommendation_id: string; unit_code: string; raised_on: string; raised_province_code: string | null }>`
    SELECT recommendation_id, unit_code, raised_on::text AS raised_on, raised_province_code FROM ${sql.table(tables.items)}`.execute(trx)).rows;
  const moved: Array<Pick<DatedItem, 'recommendation_id' | 'raised_province_code'>> = [];
  for (const i of items) {
    const province = provinceOf(ctx, i.unit_code, i.raised_on);
    if (province !== i.raised_province_code) moved.push({ recommendation_id: i.recommendation_id, raised_province_code: province });
  }
  await setProvinces(trx, tables.items, moved);
  await sql`DELETE FROM ${sql.table(tables.days)}`.execute(trx);
  await sql`INSERT INTO ${sql.table(tables.days)} (province_key, day, raised, answered)
            SELECT province_key, day, count(*) FILTER (WHERE raised), count(*) FILTER (WHERE NOT raised) FROM (
              SELECT keyed.province_key, i.raised_on AS day, true AS raised FROM ${sql.table(tables.items)} AS i,
                     LATERAL (VALUES (coalesce(i.raised_province_code, '')), ('*')) AS keyed(province_key)
              UNION ALL
              SELECT keyed.province_key, i.answered_on, false FROM ${sql.table(tables.items)} AS i,
                     LATERAL (VALUES (coalesce(i.raised_province_code, '')), ('*')) AS keyed(province_key)
              WHERE i.answered_on IS NOT NULL) AS x
            GROUP BY 1, 2`.execute(trx);
}
