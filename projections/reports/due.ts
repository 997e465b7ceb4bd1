import { sql, type RawBuilder } from 'kysely';
import type { IsoDate } from '#events/common.js';
import { cadreOf } from '#src/domain/board/queries.js';
import type { Executor, ProjectedEvent } from '#src/projections/Projection.js';
import { agencyUnitOf, chainOn, levelIn, postingOf, type Context } from '../attendance/contextQueries.js';
import { policyOnDateUnkept } from '../attendance/quota.js';
import { rowsFrom, type Columns } from '#src/projections/rowsFrom.js';
import { dueDateOf } from './reportState.js';

/**
 * Each visit with what its report's figures take from the context on the visit's last day: the
 * cadre's agency, the visited unit's province and ancestors, the agency's province, and the due
 * date (the binding policy's deadline). Stored so that the dashboard counts in SQL instead of
 * looking the context up for every visit of the year on every request. The province summary
 * (summary/queries.ts) places a visit on its first day instead: the `start_` columns, and the
 * dates of the party-cell meetings it attended.
 *
 * The rows are derived from the visits and the context, so they are recounted when either moves:
 * the visits a batch touched; every visit of a cadre whose postings or assignments a context event
 * changed; when a unit, agency or policy event arrives (rare: the map and the regulations, not the
 * daily work), every visit is worked out again and the rows it moved are written (movedByContext).
 */
export function dueTableDdl(t: string): string {
  return `
    CREATE TABLE ${t} (
      visit_id             uuid    PRIMARY KEY,
      cadre_id             uuid    NOT NULL,
      unit_code            text    NOT NULL,
      start_date           date    NOT NULL,
      end_date             date    NOT NULL,
      status               text    NOT NULL,
      report_id            uuid,
      filed_on             date,
      amendments           integer NOT NULL,
      agency_id            uuid,
      province_code        text,
      agency_province_code text,
      ancestors            text[]  NOT NULL,
      due_date             date,
      start_province_code  text,
      start_agency_id      uuid,
      start_ancestors      text[]  NOT NULL,
      party_cell_dates     date[]  NOT NULL
    );
    -- A period's visits (summary/queries.ts: ending on or after its first day, starting by its
    -- last, the second checked in the index). No index leads with start_date: with one, the
    -- planner served the dashboard's page (a year of last days in start order) by walking every
    -- visit in start order from the first and filtering on the year, taking the year's rows to be
    -- spread evenly over it, when they are all at its end: 200 ms instead of 0.3 for the current
    -- year of the 1M-event bench, once the table held as many dead rows as live ones (as live
    -- recounts, which delete and insert again, leave it between vacuums). reportsPagePlan.test.ts.
    CREATE INDEX ${t}_end_start ON ${t} (end_date, start_date);
    CREATE INDEX ${t}_cadre ON ${t} (cadre_id, end_date);
    -- The dashboard's page: a year of last days in start order.
    CREATE INDEX ${t}_year_start ON ${t} ((extract(year FROM end_date)::int), start_date, visit_id);
    CREATE INDEX ${t}_agency ON ${t} (agency_id, end_date);
  `;
}

interface VisitColumns {
  visit_id: string;
  cadre_id: string;
  unit_code: string;
  start_date: IsoDate;
  end_date: IsoDate;
  status: string;
  report_id: string | null;
  filed_on: IsoDate | null;
  amendments: number;
  activities: ReadonlyArray<{ kind: string; date: IsoDate }>;
}

const DUE_CHUNK = 5_000;

/** The due rows' columns, as rowsFrom hands them over (its literals cost the database a quarter of the JSON's). */
const DUE_COLUMNS: Columns<DueRow> = [
  ['visit_id', 'uuid'], ['cadre_id', 'uuid'], ['unit_code', 'text'], ['start_date', 'date'], ['end_date', 'date'], ['status', 'text'],
  ['report_id', 'uuid'], ['filed_on', 'date'], ['amendments', 'integer'], ['agency_id', 'uuid'], ['province_code', 'text'],
  ['agency_province_code', 'text'], ['ancestors', 'text[]'], ['due_date', 'date'], ['start_province_code', 'text'], ['start_agency_id', 'uuid'],
  ['start_ancestors', 'text[]'], ['party_cell_dates', 'date[]'],
];
const DUE_NAMES = sql.raw(DUE_COLUMNS.map(([name]) => name).join(', '));

interface DueRow extends PlacedVisit {
  visit_id: string;
  unit_code: string;
  report_id: string | null;
  amendments: number;
  province_code: string | null;
  agency_province_code: string | null;
  ancestors: readonly string[];
  start_agency_id: string | null;
  start_ancestors: readonly string[];
}

/**
 * A visit placed in the context of its first and last days (named fields: no rest copy per row).
 * The chains and the policy worked out per visit are not kept with the context (the cadres'
 * assignments and the policy list, read for every visit, are): a recount's unit-days and cadre-days rarely repeat,
 * and keeping them (memoOn) took more than half of its 3.3 s for 252,000 visits.
 */
function dueRowOf(ctx: Context, v: VisitColumns): DueRow {
  const agencyId = postingOf(ctx, v.cadre_id, v.end_date)?.agencyId ?? null;
  const agencyUnit = agencyId === null ? null : agencyUnitOf(ctx, agencyId);
  const partyCellDates: IsoDate[] = [];
  for (const a of v.activities) if (a.kind === 'party-cell-meeting') partyCellDates.push(a.date);
  const ancestors = chainOn(ctx, v.unit_code, v.end_date);
  const provinceCode = levelIn(ctx, ancestors, 'province');
  // Half the visits are one day long: their first day is their last (a full recount places 250,000).
  const oneDay = v.start_date === v.end_date;
  const startAncestors = oneDay ? ancestors : chainOn(ctx, v.unit_code, v.start_date);
  return {
    visit_id: v.visit_id, cadre_id: v.cadre_id, unit_code: v.unit_code, start_date: v.start_date, end_date: v.end_date,
    status: v.status, report_id: v.report_id, filed_on: v.filed_on, amendments: v.amendments,
    agency_id: agencyId,
    province_code: provinceCode,
    agency_province_code: agencyUnit === null ? null : levelIn(ctx, chainOn(ctx, agencyUnit, v.end_date), 'province'),
    ancestors,
    due_date: dueDateOf(ctx, { cadreId: v.cadre_id, endDate: v.end_date, unitCode: v.unit_code }, policyOnDateUnkept),
    start_province_code: oneDay ? provinceCode : levelIn(ctx, startAncestors, 'province'),
    start_agency_id: oneDay ? agencyId : postingOf(ctx, v.cadre_id, v.start_date)?.agencyId ?? null,
    start_ancestors: startAncestors,
    party_cell_dates: partyCellDates,
  };
}

/** Which visits a batch's context events make stale: those of some cadres, or all of them. */
export function staleByContext(ctx: Context, events: readonly ProjectedEvent[]): { all: boolean; cadreIds: Set<string> } {
  const cadreIds = new Set<string>();
  for (const e of events) {
    switch (e.type) {
      case 'UnitEstablished': case 'UnitReparented': case 'UnitsMerged': case 'UnitDissolved':
      case 'AgencyRegistered':
      case 'QuotaPolicyIssued': case 'QuotaPolicyAmended': case 'QuotaPolicyRepealed':
        return { all: true, cadreIds };
      // A name enters no due row (codes, ids and dates do), and a rename leaves the unit's level and
      // parents as they were: recounting every visit for it rewrote every row for nothing (35 s at
      // 1M events, each row left dead until vacuumed).
      case 'UnitRenamed': case 'AgencyRenamed':
        break;
      case 'CadreRegistered': case 'CadreTransferred': case 'CadrePositionChanged': case 'CadreRetired':
        cadreIds.add(e.data.cadreId);
        break;
      case 'CadreAssigned': case 'CadreRotated':
        cadreIds.add(e.data.cadreId);
        break;
      case 'AssignmentEnded': {
        // The board names only the assignment; its cadre is on the board the context folded.
        const board = ctx.boards.get(e.streamId.slice(e.streamId.indexOf('-') + 1));
        const assignment = board?.assignments.get(e.data.assignmentId);
        const cadre = assignment === undefined ? null : cadreOf(assignment);
        if (cadre !== null) cadreIds.add(cadre);
        break;
      }
      default:
        break;
    }
  }
  return { all: false, cadreIds };
}

/**
 * What a unit, agency or policy event (one that may move any visit) recounts: the visits the
 * context now places otherwise than their stored due rows (any column differs) or that have none,
 * and those of `touched`; every visit ('all') when that is most of them, since deltas for every
 * row cost more than counting afresh. Every row is worked out again here, but only the moved ones
 * are written: writing all 252,000 rows of the 1M-event history for an event that moved a few
 * communes took most of a 35 s batch and left as many dead rows.
 */
export async function movedByContext(trx: Executor, ctx: Context, tables: { visits: string; due: string }, touched: readonly string[]): Promise<'all' | { visitIds: string[]; cadreIds: string[] }> {
  const visits = (await selectVisits(trx, tables.visits, sql`true`)).rows;
  const stored = new Map<string, StoredDueRow>();
  for (const row of (await sql<StoredDueRow>`SELECT ${STORED_DUE_COLUMNS} FROM ${sql.table(tables.due)}`.execute(trx)).rows) stored.set(row.visit_id, row);
  const moved = new Set(touched);
  // Past half, the answer is 'all' whatever the rest holds (a policy amended for a whole province).
  const most = visits.length / 2;
  for (const v of visits) {
    const row = stored.get(v.visit_id);
    if ((row === undefined || !sameDueRow(dueRowOf(ctx, v), row)) && moved.add(v.visit_id).size > most) return 'all';
  }
  return moved.size > most ? 'all' : { visitIds: [...moved], cadreIds: [] };
}

/** A stored due row with every column spelt as text (arrays as arrays of text), as sameDueRow compares it. */
type StoredDueRow = { visit_id: string } & Record<string, string | number | string[] | null>;

const STORED_DUE_COLUMNS = sql.raw(DUE_COLUMNS.map(([name, type]) =>
  type === 'uuid' || type === 'date' ? `${name}::text AS ${name}` : type === 'date[]' ? `${name}::text[] AS ${name}` : name).join(', '));

/** Whether a worked-out due row is the stored one, column by column (ids in any case: PostgreSQL prints a uuid in lower case). */
function sameDueRow(row: DueRow, stored: StoredDueRow): boolean {
  for (const [name, type] of DUE_COLUMNS) {
    const mine = (row as unknown as Record<string, unknown>)[name] ?? null;
    const theirs = stored[name] ?? null;
    if (type.endsWith('[]')) {
      const a = mine as readonly unknown[];
      const b = theirs as readonly string[] | null;
      if (b === null || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (String(a[i]) !== b[i]) return false;
    } else if (type === 'uuid') {
      if ((mine === null ? null : String(mine).toLowerCase()) !== theirs) return false;
    } else if (mine !== theirs) {
      return false;
    }
  }
  return true;
}

const selectVisits = (trx: Executor, visits: string, where: RawBuilder<unknown>) => sql<VisitColumns>`
    SELECT visit_id, cadre_id, unit_code, start_date::text AS start_date, end_date::text AS end_date, status, report_id,
           filed_on::text AS filed_on, amendments, activities
    FROM ${sql.table(visits)} WHERE ${where}
    -- Stored in the order the dashboard reads them (a year of last days): its scans touch few pages.
    ORDER BY end_date, start_date, visit_id`.execute(trx);

/** Where a recounted visit was and is placed: what the pre-counted figures (summaryCounts.ts, rates.ts) move by. */
export interface PlacedVisit {
  cadre_id: string;
  agency_id: string | null;
  start_province_code: string | null;
  start_date: IsoDate;
  end_date: IsoDate;
  status: string;
  filed_on: IsoDate | null;
  due_date: IsoDate | null;
  party_cell_dates: IsoDate[];
}
export type DueChange = 'all' | { removed: PlacedVisit[]; written: PlacedVisit[] };

/**
 * Recounts the due rows of some visits (by visit or by cadre), or of every visit, from the visits
 * table and `ctx`, the context as this transaction sees it (loadContextIn). Hands each chunk of rows
 * to `written` as it writes them (what the summary counts move by: summaryCounts.ts), and returns
 * the rows it removed and wrote, or 'all'.
 */
export async function recountDue(trx: Executor, ctx: Context, tables: { visits: string; due: string }, which: 'all' | { visitIds: readonly string[]; cadreIds: readonly string[] },
  written: (rows: readonly PlacedVisit[]) => void): Promise<DueChange> {
  if (which !== 'all' && which.visitIds.length === 0 && which.cadreIds.length === 0) return { removed: [], written: [] };
  const where = which === 'all' ? sql`true`
    : sql`visit_id = ANY (${[...which.visitIds]}::uuid[]) OR cadre_id = ANY (${[...which.cadreIds]}::uuid[])`;
  const visits = await selectVisits(trx, tables.visits, where);
  // What a partial recount removes is what the summary counts move back by; a full one recounts them.
  const removed = await sql<PlacedVisit>`DELETE FROM ${sql.table(tables.due)} WHERE ${where}
    ${which === 'all' ? sql`` : sql`RETURNING cadre_id, agency_id, start_province_code, start_date::text AS start_date, end_date::text AS end_date, status,
                                         filed_on::text AS filed_on, due_date::text AS due_date, party_cell_dates::text[] AS party_cell_dates`}`.execute(trx);
  // Thousands of rows per statement (a full recount hands over every visit), each chunk worked out
  // while the database inserts the one before, on different cores.
  const rows: DueRow[] = []; // what a partial recount wrote (a full one needs none kept)
  let inserting: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < visits.rows.length; i += DUE_CHUNK) {
    const chunk = visits.rows.slice(i, i + DUE_CHUNK).map((v) => dueRowOf(ctx, v));
    if (which !== 'all') for (const row of chunk) rows.push(row);
    const insert = sql`INSERT INTO ${sql.table(tables.due)} (${DUE_NAMES})
      SELECT * FROM ${rowsFrom(chunk, DUE_COLUMNS)} AS r`;
    written(chunk);
    await inserting;
    inserting = insert.execute(trx);
    // Awaited before the next chunk is sent; a failure here must not go unhandled meanwhile.
    inserting.catch(() => undefined);
  }
  await inserting;
  if (which === 'all') return 'all';
  const placed = (r: PlacedVisit): PlacedVisit => ({
    cadre_id: r.cadre_id, agency_id: r.agency_id, start_province_code: r.start_province_code, start_date: r.start_date, end_date: r.end_date,
    status: r.status, filed_on: r.filed_on, due_date: r.due_date, party_cell_dates: r.party_cell_dates,
  });
  return { removed: removed.rows, written: rows.map(placed) };
}
