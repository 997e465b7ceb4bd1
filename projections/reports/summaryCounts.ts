import { sql } from 'kysely';
import type { IsoDate } from '#events/common.js';
import type { Executor } from '#src/projections/Projection.js';
import { COUNTED_STATUSES } from '../attendance/cadreYears.js';
import type { DueChange, PlacedVisit } from './due.js';

/**
 * The province summary's figures pre-counted per day, so that any period is a sum over its days
 * (summary/queries.ts) instead of a pass over every visit in it. Kept per province of the visit's
 * first day (`province_key`: the code, '' for a unit in no province, '*' for every province
 * together, since an official in two provinces on one day counts that day once), over visits not
 * cancelled or disputed:
 *
 * - `reports_summary_days`: visits that start and end each day (a period's visits are those
 *   started by its last day less those ended before its first), party-cell meetings held that day
 *   (a visit's activities lie within its days: decideVisit refuses others), and officials present
 *   that day (a period's days are the sum: distinct days per official, added up).
 * - `reports_summary_due`: visits ending each day by their report's due date ('infinity' when no
 *   policy sets one), with how many were filed and filed on time: a report is due once filed or
 *   past that date, which depends on the day asked, so the due date stays a key.
 * - `reports_summary_cadres`: each official's days at the grassroots as one multirange: a period's
 *   officials are those whose days meet it.
 *
 * Counts move by deltas: what a recount of `reports_due` removed and wrote (the visits' placings
 * before and after, due.ts); each official it touched has its days recomputed, and the days that
 * joined or left them move the officials present. A full recount counts everything afresh.
 */
export function summaryDaysDdl(t: string): string {
  return `
    CREATE TABLE ${t} (
      province_key text    NOT NULL,
      day          date    NOT NULL,
      started      integer NOT NULL,
      ended        integer NOT NULL,
      party_cells  integer NOT NULL,
      cadres       integer NOT NULL,
      PRIMARY KEY (province_key, day)
    );
  `;
}

export function summaryDueDdl(t: string): string {
  return `
    CREATE TABLE ${t} (
      province_key text    NOT NULL,
      end_date     date    NOT NULL,
      due_date     date    NOT NULL,
      ended        integer NOT NULL,
      filed        integer NOT NULL,
      on_time      integer NOT NULL,
      PRIMARY KEY (province_key, end_date, due_date)
    );
  `;
}

export function summaryCadresDdl(t: string): string {
  return `
    CREATE TABLE ${t} (
      province_key text           NOT NULL,
      cadre_id     uuid           NOT NULL,
      days         datemultirange NOT NULL,
      PRIMARY KEY (province_key, cadre_id)
    );
  `;
}

export interface SummaryTables { due: string; days: string; dueDays: string; cadres: string }

const counted: ReadonlySet<string> = new Set(COUNTED_STATUSES);
const keysOf = (province: string | null): string[] => [province ?? '', '*'];

/** Moves the counts by what a recount of reports_due removed and wrote, or counts all afresh. */
export async function recountSummary(trx: Executor, tables: SummaryTables, change: DueChange): Promise<void> {
  if (change === 'all') return countAfresh(trx, tables);
  const days = new Map<string, { province_key: string; day: IsoDate; started: number; ended: number; party_cells: number }>();
  const dues = new Map<string, { province_key: string; end_date: IsoDate; due_date: string; ended: number; filed: number; on_time: number }>();
  const cadres = new Map<string, { province_key: string; cadre_id: string }>();
  const move = (visits: readonly PlacedVisit[], sign: 1 | -1) => {
    for (const v of visits) {
      for (const province_key of keysOf(v.start_province_code)) {
        cadres.set(`${province_key}/${v.cadre_id}`, { province_key, cadre_id: v.cadre_id });
        if (!counted.has(v.status)) continue;
        const day = (d: IsoDate) => {
          const key = `${province_key}/${d}`;
          let row = days.get(key);
          if (row === undefined) days.set(key, (row = { province_key, day: d, started: 0, ended: 0, party_cells: 0 }));
          return row;
        };
        day(v.start_date).started += sign;
        day(v.end_date).ended += sign;
        for (const d of v.party_cell_dates) day(d).party_cells += sign;
        const due_date = v.due_date ?? 'infinity';
        const key = `${province_key}/${v.end_date}/${due_date}`;
        let due = dues.get(key);
        if (due === undefined) dues.set(key, (due = { province_key, end_date: v.end_date, due_date, ended: 0, filed: 0, on_time: 0 }));
        due.ended += sign;
        if (v.filed_on !== null) due.filed += sign;
        if (v.filed_on !== null && v.due_date !== null && v.filed_on <= v.due_date) due.on_time += sign;
      }
    }
  };
  move(change.removed, -1);
  move(change.written, 1);
  const dayRows = [...days.values()].filter((r) => r.started !== 0 || r.ended !== 0 || r.party_cells !== 0);
  if (dayRows.length > 0) {
    await sql`INSERT INTO ${sql.table(tables.days)} AS s (province_key, day, started, ended, party_cells, cadres)
              SELECT province_key, day, started, ended, party_cells, 0
              FROM jsonb_to_recordset(${JSON.stringify(dayRows)}::jsonb) AS r(province_key text, day date, started integer, ended integer, party_cells integer)
              ON CONFLICT (province_key, day) DO UPDATE SET started = s.started + excluded.started, ended = s.ended + excluded.ended,
                                                            party_cells = s.party_cells + excluded.party_cells`.execute(trx);
  }
  const dueRows = [...dues.values()].filter((r) => r.ended !== 0 || r.filed !== 0 || r.on_time !== 0);
  if (dueRows.length > 0) {
    await sql`INSERT INTO ${sql.table(tables.dueDays)} AS s (province_key, end_date, due_date, ended, filed, on_time)
              SELECT province_key, end_date, due_date, ended, filed, on_time
              FROM jsonb_to_recordset(${JSON.stringify(dueRows)}::jsonb) AS r(province_key text, end_date date, due_date date, ended integer, filed integer, on_time integer)
              ON CONFLICT (province_key, end_date, due_date) DO UPDATE SET ended = s.ended + excluded.ended, filed = s.filed + excluded.filed,
                                                                         on_time = s.on_time + excluded.on_time`.execute(trx);
  }
  if (cadres.size === 0) return;
  await recountCadres(trx, tables, [...cadres.values()]);
  // What counts nothing any more goes, as a full count would not have written it.
  const keys = [...new Set([...cadres.values()].map((c) => c.province_key))];
  const dates = [...change.removed, ...change.written].flatMap((v) => [v.start_date, v.end_date]).sort();
  const [first, last] = [dates[0]!, dates.at(-1)!];
  await sql`DELETE FROM ${sql.table(tables.days)} WHERE province_key = ANY (${keys}::text[]) AND day BETWEEN ${first}::date AND ${last}::date
              AND started = 0 AND ended = 0 AND party_cells = 0 AND cadres = 0`.execute(trx);
  await sql`DELETE FROM ${sql.table(tables.dueDays)} WHERE province_key = ANY (${keys}::text[]) AND end_date BETWEEN ${first}::date AND ${last}::date
              AND ended = 0`.execute(trx);
  await sql`DELETE FROM ${sql.table(tables.cadres)} WHERE province_key = ANY (${keys}::text[])
              AND cadre_id = ANY (${[...new Set([...cadres.values()].map((c) => c.cadre_id))]}::uuid[]) AND days = '{}'::datemultirange`.execute(trx);
}

/**
 * Each official's days afresh from reports_due; the days that joined or left them move the
 * officials present on those days.
 */
async function recountCadres(trx: Executor, tables: SummaryTables, keys: ReadonlyArray<{ province_key: string; cadre_id: string }>): Promise<void> {
  await sql`
    WITH k AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(province_key text, cadre_id uuid)),
    f AS MATERIALIZED (
      SELECT k.province_key, k.cadre_id, coalesce(c.days, '{}'::datemultirange) AS old,
             coalesce((SELECT range_agg(daterange(d.start_date, d.end_date, '[]')) FROM ${sql.table(tables.due)} AS d
                       WHERE d.cadre_id = k.cadre_id AND d.status = ANY (${[...COUNTED_STATUSES]}::text[])
                         AND (k.province_key = '*' OR coalesce(d.start_province_code, '') = k.province_key)), '{}'::datemultirange) AS fresh
      FROM k LEFT JOIN ${sql.table(tables.cadres)} AS c ON c.province_key = k.province_key AND c.cadre_id = k.cadre_id),
    moved AS (
      SELECT x.province_key, g.day::date AS day, sum(x.delta)::int AS delta
      FROM (SELECT f.province_key, r, 1 AS delta FROM f, unnest(f.fresh - f.old) AS r
            UNION ALL SELECT f.province_key, r, -1 FROM f, unnest(f.old - f.fresh) AS r) AS x,
           generate_series(lower(x.r), upper(x.r) - 1, interval '1 day') AS g(day)
      GROUP BY 1, 2),
    present AS (
      INSERT INTO ${sql.table(tables.days)} AS s (province_key, day, started, ended, party_cells, cadres)
      SELECT province_key, day, 0, 0, 0, delta FROM moved
      ON CONFLICT (province_key, day) DO UPDATE SET cadres = s.cadres + excluded.cadres)
    INSERT INTO ${sql.table(tables.cadres)} AS s (province_key, cadre_id, days)
    SELECT province_key, cadre_id, fresh FROM f WHERE fresh <> old
    ON CONFLICT (province_key, cadre_id) DO UPDATE SET days = excluded.days`.execute(trx);
}

async function countAfresh(trx: Executor, tables: SummaryTables): Promise<void> {
  for (const t of [tables.days, tables.dueDays, tables.cadres]) await sql`DELETE FROM ${sql.table(t)}`.execute(trx);
  const visits = sql`(
    SELECT keyed.* FROM ${sql.table(tables.due)} AS d,
      LATERAL (VALUES (coalesce(d.start_province_code, ''), d.cadre_id, d.start_date, d.end_date, d.filed_on, d.due_date, d.party_cell_dates),
                      ('*', d.cadre_id, d.start_date, d.end_date, d.filed_on, d.due_date, d.party_cell_dates))
        AS keyed(province_key, cadre_id, start_date, end_date, filed_on, due_date, party_cell_dates)
    WHERE d.status = ANY (${[...COUNTED_STATUSES]}::text[]))`;
  await sql`INSERT INTO ${sql.table(tables.cadres)} (province_key, cadre_id, days)
            SELECT province_key, cadre_id, range_agg(daterange(start_date, end_date, '[]')) FROM ${visits} AS v GROUP BY 1, 2`.execute(trx);
  await sql`INSERT INTO ${sql.table(tables.days)} (province_key, day, started, ended, party_cells, cadres)
            SELECT province_key, day, sum(started), sum(ended), sum(party_cells), sum(cadres) FROM (
              SELECT province_key, start_date AS day, 1 AS started, 0 AS ended, 0 AS party_cells, 0 AS cadres FROM ${visits} AS v
              UNION ALL SELECT province_key, end_date, 0, 1, 0, 0 FROM ${visits} AS v
              UNION ALL SELECT province_key, p.day, 0, 0, 1, 0 FROM ${visits} AS v, unnest(v.party_cell_dates) AS p(day)
              UNION ALL SELECT c.province_key, g.day::date, 0, 0, 0, 1 FROM ${sql.table(tables.cadres)} AS c, unnest(c.days) AS r,
                                 generate_series(lower(r), upper(r) - 1, interval '1 day') AS g(day)) AS x
            GROUP BY 1, 2`.execute(trx);
  await sql`INSERT INTO ${sql.table(tables.dueDays)} (province_key, end_date, due_date, ended, filed, on_time)
            SELECT province_key, end_date, coalesce(due_date, 'infinity'), count(*), count(filed_on), count(*) FILTER (WHERE filed_on <= due_date)
            FROM ${visits} AS v GROUP BY 1, 2, 3`.execute(trx);
}
