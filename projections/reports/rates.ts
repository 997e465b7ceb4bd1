import { sql } from 'kysely';
import type { Executor } from '#src/projections/Projection.js';
import type { DueChange } from './due.js';

/**
 * The reports dashboard's rates pre-counted per year (of the visit's last day) and per cadre or
 * agency, split by the provinces a row is filtered and scoped by (the visited unit's and the
 * agency's on the last day): the figures of a province, or of the country, are a sum over a few
 * rows per cadre instead of a pass over every visit of the year (reports/queries.ts). Cancelled
 * visits are left out, as on the dashboard.
 *
 * Whether a report is due depends on the day asked (filed, or past its due date): each row keeps
 * the due dates of its visits not filed, sorted, and the query counts those before today.
 *
 * A batch's recount of `reports_due` names the cadre-years and agency-years it moved (the rows it
 * removed and wrote); those are counted again from `reports_due` (indexes by cadre and by agency).
 */
export function ratesTableDdl(t: string): string {
  return `
    CREATE TABLE ${t} (
      year                 integer NOT NULL,
      by_agency            boolean NOT NULL,
      key                  text    NOT NULL,  -- the cadre's or the agency's id; '' for visits of no agency
      province_code        text    NOT NULL,  -- '' for none
      agency_province_code text    NOT NULL,  -- '' for none
      visits               integer NOT NULL,
      filed                integer NOT NULL,
      on_time              integer NOT NULL,
      amended              integer NOT NULL,
      unfiled_due_dates    date[]  NOT NULL,
      PRIMARY KEY (year, by_agency, key, province_code, agency_province_code)
    );
  `;
}

export interface RatesTables { due: string; rates: string }

const yearOf = (date: string): number => Number(date.slice(0, 4));

export async function recountRates(trx: Executor, tables: RatesTables, change: DueChange): Promise<void> {
  const due = sql`${sql.table(tables.due)} AS d`;
  if (change === 'all') {
    await sql`DELETE FROM ${sql.table(tables.rates)}`.execute(trx);
    await insertCounts(trx, tables.rates, due, 'cadre');
    await insertCounts(trx, tables.rates, due, 'agency');
    return;
  }
  const keys = new Map<string, { year: number; by_agency: boolean; key: string }>();
  for (const v of [...change.removed, ...change.written]) {
    const year = yearOf(v.end_date);
    // Keys as PostgreSQL prints a uuid (lower case): the written rows' ids come from event data.
    const cadre = v.cadre_id.toLowerCase();
    const agency = v.agency_id?.toLowerCase() ?? '';
    keys.set(`${year}/c/${cadre}`, { year, by_agency: false, key: cadre });
    keys.set(`${year}/a/${agency}`, { year, by_agency: true, key: agency });
  }
  if (keys.size === 0) return;
  const all = [...keys.values()];
  await sql`DELETE FROM ${sql.table(tables.rates)} AS r USING jsonb_to_recordset(${JSON.stringify(all)}::jsonb) AS k(year integer, by_agency boolean, key text)
            WHERE r.year = k.year AND r.by_agency = k.by_agency AND r.key = k.key`.execute(trx);
  const years = (ks: typeof all) => sql`jsonb_to_recordset(${JSON.stringify(ks.map(({ year, key }) => ({ year, key })))}::jsonb) AS k(year integer, key text)`;
  const inYear = sql`d.end_date BETWEEN make_date(k.year, 1, 1) AND make_date(k.year, 12, 31)`;
  const cadres = all.filter((k) => !k.by_agency);
  const agencies = all.filter((k) => k.by_agency && k.key !== '');
  const noAgency = all.filter((k) => k.by_agency && k.key === '');
  // Driven from the keys through the indexes by cadre and by agency: a batch reads what it moved.
  if (cadres.length > 0) await insertCounts(trx, tables.rates, sql`${years(cadres)} JOIN ${due} ON d.cadre_id = k.key::uuid AND ${inYear}`, 'cadre');
  if (agencies.length > 0) await insertCounts(trx, tables.rates, sql`${years(agencies)} JOIN ${due} ON d.agency_id = k.key::uuid AND ${inYear}`, 'agency');
  if (noAgency.length > 0) await insertCounts(trx, tables.rates, sql`${years(noAgency)} JOIN ${due} ON d.agency_id IS NULL AND ${inYear}`, 'agency');
}

/** Counts the visits of `from` (which names reports_due d) per year and cadre, or per year and agency. */
async function insertCounts(trx: Executor, rates: string, from: ReturnType<typeof sql>, by: 'cadre' | 'agency'): Promise<void> {
  const key = by === 'cadre' ? sql`d.cadre_id::text` : sql`coalesce(d.agency_id::text, '')`;
  await sql`
    INSERT INTO ${sql.table(rates)} (year, by_agency, key, province_code, agency_province_code, visits, filed, on_time, amended, unfiled_due_dates)
    SELECT extract(year FROM d.end_date)::int, ${by === 'agency'}, ${key}, coalesce(d.province_code, ''), coalesce(d.agency_province_code, ''),
           count(*), count(d.filed_on), count(*) FILTER (WHERE d.filed_on <= d.due_date), count(*) FILTER (WHERE d.amendments > 0),
           coalesce(array_agg(d.due_date ORDER BY d.due_date) FILTER (WHERE d.filed_on IS NULL AND d.due_date IS NOT NULL), '{}')
    FROM ${from}
    WHERE d.status <> 'cancelled'
    GROUP BY 1, 3, 4, 5`.execute(trx);
}
