import { sql } from 'kysely';
import type { IsoDate } from '#events/common.js';
import { grassrootsDays } from '#src/domain/fieldwork/queries.js';
import type { FieldworkState, Visit } from '#src/domain/fieldwork/state.js';
import { yearOf, yearPeriod } from '#src/domain/time.js';
import type { Executor } from '#src/projections/Projection.js';
import { buildsOf } from '#src/projections/ProjectionRunner.js';
import type { TouchedVisit } from './visitBatch.js';
import type { VisitRow } from './visits.js';

/** "Confirmed or unconfirmed, not cancelled" (issue 5): a disputed visit does not count until resolved. */
export const COUNTED_STATUSES = ['logged', 'confirmed'] as const;

/**
 * What a cadre did in a year, from the visits alone (no context): the figures of an attendance row
 * before the quota, the agency and the place are looked up. One row per cadre and year with any
 * visit overlapping the year, whatever its status (a cadre whose only trip was cancelled still has
 * a row, of zeros), recounted from the visits table whenever a batch touches one of its visits.
 * `days` are the distinct calendar days of counted visits within the year, kept as a list so that
 * "days so far" can be counted up to any today.
 */
export function cadreYearsTableDdl(t: string): string {
  return `
    CREATE TABLE ${t} (
      cadre_id       uuid    NOT NULL,
      year           integer NOT NULL,
      days           date[]  NOT NULL,
      confirmed_days integer NOT NULL,
      visits         integer NOT NULL,
      activities     jsonb   NOT NULL,  -- activity kind → count, activities dated within the year
      units          text[]  NOT NULL,  -- the units of the counted visits
      PRIMARY KEY (year, cadre_id)
    );
  `;
}

export interface CadreYearFacts {
  days: number;
  /** Days up to today (all of them once the year is over). */
  daysSoFar: number;
  confirmedDays: number;
  visits: number;
  partyCellMeetings: number;
  /**
   * Activity kind → count. Read from the table only for the rows of the page asked
   * (loadActivities): 2,000 objects parsed per answer were a third of its time.
   */
  activities?: Record<string, number>;
  /** The units of the counted visits (read only for a scope narrower than everything). */
  units?: string[];
}

/** The cadre-years a batch's visits touch: every year each visit has a day in. */
function cadreYearsOf(visits: readonly TouchedVisit[]): Array<{ cadre_id: string; year: number }> {
  const keys = new Map<string, { cadre_id: string; year: number }>();
  for (const v of visits) {
    for (let year = yearOf(v.startDate); year <= yearOf(v.endDate); year++) keys.set(`${v.cadreId}/${year}`, { cadre_id: v.cadreId, year });
  }
  return [...keys.values()];
}

const COUNTED = sql`v.status IN ('logged', 'confirmed')`;

/**
 * Recounts the cadre-years the batch touched from the visits table, in the batch's transaction
 * (after the visits were written). Each recount reads that cadre's visits of that year only.
 */
export async function recountCadreYears(trx: Executor, visits: string, cadreYears: string, touched: readonly TouchedVisit[]): Promise<void> {
  const keys = cadreYearsOf(touched);
  if (keys.length === 0) return;
  const k = sql`jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(cadre_id uuid, year integer)`;
  await sql`DELETE FROM ${sql.table(cadreYears)} AS c USING ${k} WHERE c.cadre_id = k.cadre_id AND c.year = k.year`.execute(trx);
  await insertCounts(trx, visits, cadreYears, k);
}

/**
 * Recounts every cadre-year (a build being promoted: its batches deferred the recounts). The same
 * figures as insertCounts, in one grouped pass over the visits instead of three index lookups per
 * cadre-year: 12,000 cadre-years of 250,000 visits took 7.9 s that way, most of a rebuild's tail.
 * Held to insertCounts by test/projections/cadreYearsRecount.test.ts.
 */
export async function recountAllCadreYears(trx: Executor, visits: string, cadreYears: string): Promise<void> {
  const v = sql.table(visits);
  await sql`DELETE FROM ${sql.table(cadreYears)}`.execute(trx);
  await sql`
    INSERT INTO ${sql.table(cadreYears)} (cadre_id, year, days, confirmed_days, visits, activities, units)
    WITH years AS (
      -- Each visit once per year it has a day in (insertCounts' "overlapping the year").
      SELECT v.cadre_id, v.status, v.unit_code, v.activities, y::integer AS year
      FROM ${v} AS v, generate_series(extract(year FROM v.start_date)::integer, extract(year FROM v.end_date)::integer) AS y
    ), c AS (
      SELECT cadre_id, year, count(*) FILTER (WHERE ${COUNTED}) AS visits,
             coalesce(array_agg(DISTINCT unit_code ORDER BY unit_code) FILTER (WHERE ${COUNTED}), '{}') AS units
      FROM years AS v GROUP BY cadre_id, year
    ), d AS (
      -- A visit's days, each in its own year.
      SELECT v.cadre_id, extract(year FROM g)::integer AS year,
             coalesce(array_agg(DISTINCT g::date ORDER BY g::date) FILTER (WHERE ${COUNTED}), '{}') AS days,
             count(DISTINCT g::date) FILTER (WHERE v.status = 'confirmed') AS confirmed_days
      FROM ${v} AS v, generate_series(v.start_date, v.end_date, interval '1 day') AS g
      GROUP BY 1, 2
    ), a AS (
      SELECT cadre_id, year, jsonb_object_agg(kind, n) AS activities FROM (
        SELECT v.cadre_id, v.year, act->>'kind' AS kind, count(*) AS n
        FROM years AS v, jsonb_array_elements(v.activities) AS act
        WHERE ${COUNTED} AND act->>'date' BETWEEN make_date(v.year, 1, 1)::text AND make_date(v.year, 12, 31)::text
        GROUP BY 1, 2, 3) AS x
      GROUP BY cadre_id, year
    )
    SELECT c.cadre_id, c.year, coalesce(d.days, '{}'), coalesce(d.confirmed_days, 0), c.visits, coalesce(a.activities, '{}'), c.units
    FROM c LEFT JOIN d USING (cadre_id, year) LEFT JOIN a USING (cadre_id, year)`.execute(trx);
}

/** Inserts the counts of the cadre-years `k` (a FROM item with columns cadre_id, year). */
async function insertCounts(trx: Executor, visits: string, cadreYears: string, k: ReturnType<typeof sql>): Promise<void> {
  const ofYear = sql`v.cadre_id = k.cadre_id AND v.start_date <= y.last AND v.end_date >= y.first`;
  await sql`
    INSERT INTO ${sql.table(cadreYears)} (cadre_id, year, days, confirmed_days, visits, activities, units)
    SELECT k.cadre_id, k.year, d.days, d.confirmed_days, c.visits, a.activities, c.units
    FROM ${k}
    CROSS JOIN LATERAL (SELECT make_date(k.year, 1, 1) AS first, make_date(k.year, 12, 31) AS last) AS y
    CROSS JOIN LATERAL (
      SELECT count(*) AS any, count(*) FILTER (WHERE ${COUNTED}) AS visits,
             coalesce(array_agg(DISTINCT v.unit_code ORDER BY v.unit_code) FILTER (WHERE ${COUNTED}), '{}') AS units
      FROM ${sql.table(visits)} AS v WHERE ${ofYear}) AS c
    CROSS JOIN LATERAL (
      SELECT coalesce(array_agg(DISTINCT s.day ORDER BY s.day) FILTER (WHERE s.counted), '{}') AS days,
             count(DISTINCT s.day) FILTER (WHERE s.confirmed) AS confirmed_days
      FROM (SELECT g::date AS day, ${COUNTED} AS counted, v.status = 'confirmed' AS confirmed
            FROM ${sql.table(visits)} AS v, generate_series(greatest(v.start_date, y.first), least(v.end_date, y.last), interval '1 day') AS g
            WHERE ${ofYear}) AS s) AS d
    CROSS JOIN LATERAL (
      SELECT coalesce(jsonb_object_agg(x.kind, x.n), '{}') AS activities
      FROM (SELECT act->>'kind' AS kind, count(*) AS n
            FROM ${sql.table(visits)} AS v, jsonb_array_elements(v.activities) AS act
            WHERE ${ofYear} AND ${COUNTED} AND act->>'date' BETWEEN y.first::text AND y.last::text
            GROUP BY 1) AS x) AS a
    WHERE c.any > 0`.execute(trx);
}

/**
 * Every cadre-year of a year, counted up to `today`, without the activities (loadActivities reads
 * them for a page); the visited units only when asked.
 */
export async function loadCadreYears(db: Executor, year: number, today: IsoDate, withUnits: boolean): Promise<Map<string, CadreYearFacts>> {
  const rows = await sql<{ cadre_id: string; days: number; days_so_far: number; confirmed_days: number; visits: number; party_cell_meetings: number; units: string[] }>`
    SELECT cadre_id, cardinality(days) AS days,
           -- The days are sorted: only a cadre with a day after today has days to leave out.
           CASE WHEN cardinality(days) = 0 OR days[cardinality(days)] <= ${today}::date THEN cardinality(days)
                ELSE (SELECT count(*)::int FROM unnest(days) AS d WHERE d <= ${today}::date) END AS days_so_far,
           confirmed_days, visits, coalesce((activities->>'party-cell-meeting')::int, 0) AS party_cell_meetings ${withUnits ? sql`, units` : sql``}
    FROM attendance_cadre_years WHERE year = ${year}`.execute(db);
  return new Map(rows.rows.map((r) => [r.cadre_id, {
    days: r.days, daysSoFar: r.days_so_far, confirmedDays: r.confirmed_days, visits: r.visits, partyCellMeetings: r.party_cell_meetings,
    ...(withUnits ? { units: r.units } : {}),
  }]));
}

/**
 * The cadre-year facts of a year as loadCadreYears reads them, kept between answers while the
 * attendance read model stays where it was: a dashboard asks for the same 2,000 rows again and
 * again, and moving them out of PostgreSQL was half of each answer. The rows change only in the
 * projection's transactions, each of which moves its checkpoint (or, on a rebuild, its
 * generation), so the active build's (version, generation, position), read in the same snapshot
 * as the rows, names their content exactly. `trx` must be a snapshot (repeatable read) of `db`.
 */
const factsByDatabase = new WeakMap<object, { stamp: string; facts: Map<string, Map<string, CadreYearFacts>> }>();
/** Years × todays × with/without units kept for one stamp; more start over (a bound, not a policy). */
const MAX_KEPT = 16;

export async function loadCadreYearsAt(db: Executor, trx: Executor, year: number, today: IsoDate, withUnits: boolean): Promise<Map<string, CadreYearFacts>> {
  const active = (await buildsOf(trx, 'attendance')).find((b) => b.status === 'active');
  if (active === undefined) return loadCadreYears(trx, year, today, withUnits);
  const stamp = `${active.version}/${active.generation}/${active.position}`;
  let kept = factsByDatabase.get(db);
  if (kept?.stamp !== stamp || kept.facts.size >= MAX_KEPT) {
    kept = { stamp, facts: new Map() };
    factsByDatabase.set(db, kept);
  }
  const key = `${year}/${today}/${withUnits}`;
  const hit = kept.facts.get(key);
  if (hit !== undefined) return hit;
  const facts = await loadCadreYears(trx, year, today, withUnits);
  kept.facts.set(key, facts);
  return facts;
}

/** The activities of these cadres in a year (the page's rows), by cadre. */
export async function loadActivities(db: Executor, year: number, cadreIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
  if (cadreIds.length === 0) return new Map();
  const rows = await sql<{ cadre_id: string; activities: Record<string, number> }>`
    SELECT cadre_id, activities FROM attendance_cadre_years WHERE year = ${year} AND cadre_id = ANY (${[...cadreIds]}::uuid[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.cadre_id, r.activities]));
}

export function asFieldworkState(rows: readonly VisitRow[]): FieldworkState {
  const visits = new Map<string, Visit>(rows.map((r) => [r.visitId, {
    visitId: r.visitId, cadreId: r.cadreId, unitCode: r.unitCode, startDate: r.startDate, endDate: r.endDate,
    planId: null, status: r.status, disputeReason: null, reportId: r.reportId,
  }]));
  return { visits, reports: new Map() };
}

/**
 * The same facts from a cadre's visits overlapping the year, with the domain's own day count: the
 * definition recountCadreYears is held to, and what a single cadre's dashboard is answered from.
 */
export function factsFromVisits(visits: readonly VisitRow[], year: number, today: IsoDate): CadreYearFacts {
  const period = yearPeriod(year);
  const end = period.end ?? period.start;
  const state = asFieldworkState(visits);
  const counted = visits.filter((v) => (COUNTED_STATUSES as readonly string[]).includes(v.status));
  const activities: Record<string, number> = {};
  for (const a of counted.flatMap((v) => v.activities)) {
    if (a.date >= period.start && a.date <= end) activities[a.kind] = (activities[a.kind] ?? 0) + 1;
  }
  return {
    days: grassrootsDays(state, period, COUNTED_STATUSES),
    // Only days up to today: a trip planned ahead does not count yet.
    daysSoFar: grassrootsDays(state, { start: period.start, end: today < end ? today : end }, COUNTED_STATUSES),
    confirmedDays: grassrootsDays(state, period, ['confirmed']),
    visits: counted.length,
    partyCellMeetings: activities['party-cell-meeting'] ?? 0,
    activities,
    units: [...new Set(counted.map((v) => v.unitCode))].sort(),
  };
}
