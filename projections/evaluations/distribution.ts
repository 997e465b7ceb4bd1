import { sql } from 'kysely';
import type { Executor } from '#src/projections/Projection.js';
import type { CommitteeYear } from './facets.js';

/**
 * The distribution of the four levels per committee and year, pre-counted and split by the
 * provinces the dashboard filters and scopes by (the committee's, and for a cadre's rating the
 * cadre's agency's, on 31 December: facets.ts), so that the country's or a province's distribution
 * is a sum over one or two rows per committee-year instead of a count over every rating. A batch
 * recounts the committee-years whose ratings or facets it touched.
 */
export function distributionTableDdl(t: string): string {
  return `
    CREATE TABLE ${t} (
      subject              text    NOT NULL CHECK (subject IN ('cadres', 'units')),
      year                 integer NOT NULL,
      committee_unit_code  text    NOT NULL,
      province_code        text    NOT NULL,  -- '' for none
      agency_province_code text    NOT NULL,  -- '' for none, and for a commune's rating
      total                integer NOT NULL,
      excellent            integer NOT NULL,
      good                 integer NOT NULL,
      completed            integer NOT NULL,
      not_completed        integer NOT NULL,
      PRIMARY KEY (subject, year, committee_unit_code, province_code, agency_province_code)
    );
  `;
}

export interface DistributionTables { cadres: string; units: string; distribution: string }

export async function recountDistribution(trx: Executor, tables: DistributionTables, which: 'all' | readonly CommitteeYear[]): Promise<void> {
  if (which === 'all') {
    await sql`DELETE FROM ${sql.table(tables.distribution)}`.execute(trx);
    await insertCounts(trx, tables, 'cadres', sql`true`);
    await insertCounts(trx, tables, 'units', sql`true`);
    return;
  }
  if (which.length === 0) return;
  const unique = [...new Map(which.map((k) => [`${k.subject}/${k.committee_unit_code}/${k.year}`, k])).values()];
  const keys = (subject?: string) => sql`jsonb_to_recordset(${JSON.stringify(subject === undefined ? unique : unique.filter((k) => k.subject === subject))}::jsonb)
    AS k(subject text, committee_unit_code text, year integer)`;
  await sql`DELETE FROM ${sql.table(tables.distribution)} AS d USING ${keys()}
            WHERE d.subject = k.subject AND d.committee_unit_code = k.committee_unit_code AND d.year = k.year`.execute(trx);
  for (const subject of ['cadres', 'units'] as const) {
    if (!unique.some((k) => k.subject === subject)) continue;
    await insertCounts(trx, tables, subject, sql`(r.committee_unit_code, r.year) IN (SELECT k.committee_unit_code, k.year FROM ${keys(subject)})`);
  }
}

async function insertCounts(trx: Executor, tables: DistributionTables, subject: 'cadres' | 'units', where: ReturnType<typeof sql>): Promise<void> {
  const agencyProvince = subject === 'cadres' ? sql`coalesce(r.agency_province_code, '')` : sql`''`;
  await sql`
    INSERT INTO ${sql.table(tables.distribution)}
      (subject, year, committee_unit_code, province_code, agency_province_code, total, excellent, good, completed, not_completed)
    SELECT ${subject}, r.year, r.committee_unit_code, coalesce(r.province_code, ''), ${agencyProvince}, count(*),
           count(*) FILTER (WHERE r.rating = 'excellent'), count(*) FILTER (WHERE r.rating = 'good'),
           count(*) FILTER (WHERE r.rating = 'completed'), count(*) FILTER (WHERE r.rating = 'not-completed')
    FROM ${sql.table(subject === 'cadres' ? tables.cadres : tables.units)} AS r
    WHERE ${where}
    GROUP BY 2, 3, 4, 5`.execute(trx);
}
