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
 * joined or left them move the officials present. A full recount empties the tables and moves them
 * by every row it writes, gathered as it writes them: one pass in memory beside the rows' own
 * work, where three passes over the whole table took as long again (4.7 against 2.6 s at 252,000
 * visits).
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

/**
 * What a recount of reports_due moves the counts by, gathered in memory as its rows are worked out
 * (due.ts hands each chunk over as it is written): per day, per last day and due date, and the
 * officials whose days to recompute. Bounded by the days and officials, not by the visits.
 */
export class SummaryMoves {
  readonly days = new Map<string, { province_key: string; day: IsoDate; started: number; ended: number; party_cells: number }>();
  readonly dues = new Map<string, { province_key: string; end_date: IsoDate; due_date: string; ended: number; filed: number; on_time: number }>();
  readonly cadres = new Map<string, { province_key: string; cadre_id: string }>();
  /** The first and last day of the visits moved (what a partial recount clears zero rows within). */
  first: IsoDate | null = null;
  last: IsoDate | null = null;

  move(visits: readonly PlacedVisit[], sign: 1 | -1): void {
    for (const v of visits) {
      if (this.first === null || v.start_date < this.first) this.first = v.start_date;
      if (this.last === null || v.end_date > this.last) this.last = v.end_date;
      for (const province_key of keysOf(v.start_province_code)) {
        this.cadres.set(`${province_key}/${v.cadre_id}`, { province_key, cadre_id: v.cadre_id });
        if (!counted.has(v.status)) continue;
        this.#day(province_key, v.start_date).started += sign;
        this.#day(province_key, v.end_date).ended += sign;
        for (const d of v.party_cell_dates) this.#day(province_key, d).party_cells += sign;
        const due_date = v.due_date ?? 'infinity';
        const key = `${province_key}/${v.end_date}/${due_date}`;
        let due = this.dues.get(key);
        if (due === undefined) this.dues.set(key, (due = { province_key, end_date: v.end_date, due_date, ended: 0, filed: 0, on_time: 0 }));
        due.ended += sign;
        if (v.filed_on !== null) due.filed += sign;
        if (v.filed_on !== null && v.due_date !== null && v.filed_on <= v.due_date) due.on_time += sign;
      }
    }
  }

  #day(province_key: string, d: IsoDate) {
    const key = `${province_key}/${d}`;
    let row = this.days.get(key);
    if (row === undefined) this.days.set(key, (row = { province_key, day: d, started: 0, ended: 0, party_cells: 0 }));
    return row;
  }
}

/**
 * Moves the counts by what a recount of reports_due removed and wrote: `moves` holds the rows it
 * wrote (handed over as it wrote them), and the rows it removed are taken off here. After a
 * recount of every visit ('all', nothing handed back as removed) the tables are emptied and moved
 * by `moves` alone: the rows a count over the whole table gives (a rebuild's tables equal the live
 * ones by digest, dashboardsAtScale.test.ts; the answers equal those counted from every visit).
 */
export async function recountSummary(trx: Executor, tables: SummaryTables, change: DueChange, moves: SummaryMoves): Promise<void> {
  const afresh = change === 'all';
  if (afresh) for (const t of [tables.days, tables.dueDays, tables.cadres]) await sql`DELETE FROM ${sql.table(t)}`.execute(trx);
  else moves.move(change.removed, -1);
  const dayRows = [...moves.days.values()].filter((r) => r.started !== 0 || r.ended !== 0 || r.party_cells !== 0);
  if (dayRows.length > 0) {
    await sql`INSERT INTO ${sql.table(tables.days)} AS s (province_key, day, started, ended, party_cells, cadres)
              SELECT province_key, day, started, ended, party_cells, 0
              FROM jsonb_to_recordset(${JSON.stringify(dayRows)}::jsonb) AS r(province_key text, day date, started integer, ended integer, party_cells integer)
              ON CONFLICT (province_key, day) DO UPDATE SET started = s.started + excluded.started, ended = s.ended + excluded.ended,
                                                            party_cells = s.party_cells + excluded.party_cells`.execute(trx);
  }
  const dueRows = [...moves.dues.values()].filter((r) => r.ended !== 0 || r.filed !== 0 || r.on_time !== 0);
  if (dueRows.length > 0) {
    await sql`INSERT INTO ${sql.table(tables.dueDays)} AS s (province_key, end_date, due_date, ended, filed, on_time)
              SELECT province_key, end_date, due_date, ended, filed, on_time
              FROM jsonb_to_recordset(${JSON.stringify(dueRows)}::jsonb) AS r(province_key text, end_date date, due_date date, ended integer, filed integer, on_time integer)
              ON CONFLICT (province_key, end_date, due_date) DO UPDATE SET ended = s.ended + excluded.ended, filed = s.filed + excluded.filed,
                                                                         on_time = s.on_time + excluded.on_time`.execute(trx);
  }
  if (moves.cadres.size === 0) return;
  await recountCadres(trx, tables, [...moves.cadres.values()]);
  // Counted afresh, nothing counts zero; otherwise what counts nothing any more goes, as a fresh
  // count would not have written it.
  if (afresh) return;
  const keys = [...new Set([...moves.cadres.values()].map((c) => c.province_key))];
  const [first, last] = [moves.first!, moves.last!];
  await sql`DELETE FROM ${sql.table(tables.days)} WHERE province_key = ANY (${keys}::text[]) AND day BETWEEN ${first}::date AND ${last}::date
              AND started = 0 AND ended = 0 AND party_cells = 0 AND cadres = 0`.execute(trx);
  await sql`DELETE FROM ${sql.table(tables.dueDays)} WHERE province_key = ANY (${keys}::text[]) AND end_date BETWEEN ${first}::date AND ${last}::date
              AND ended = 0`.execute(trx);
  await sql`DELETE FROM ${sql.table(tables.cadres)} WHERE province_key = ANY (${keys}::text[])
              AND cadre_id = ANY (${[...new Set([...moves.cadres.values()].map((c) => c.cadre_id))]}::uuid[]) AND days = '{}'::datemultirange`.execute(trx);
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
