import { sql } from 'kysely';
import { todayInVietnam } from '#src/domain/time.js';
import type { Executor, ProjectedEvent } from '#src/projections/Projection.js';
import { rowsFrom, type Columns } from '#src/projections/rowsFrom.js';

/** A visits row as this module reads and writes it (dates as YYYY-MM-DD text, never a JS Date). */
interface Row {
  visit_id: string;
  cadre_id: string;
  unit_code: string;
  start_date: string;
  end_date: string;
  status: 'logged' | 'confirmed' | 'disputed' | 'cancelled';
  activities: unknown;
  report_id: string | null;
  filed_on: string | null;
  amendments: number;
  position: string;
}

/**
 * Ids as the maps hold them: PostgreSQL prints a uuid in lower case, whatever case an event spelt
 * it in, and the rows it returns must meet the events that name them.
 */
const key = (id: string): string => id.toLowerCase();

const NAMES = 'visit_id, cadre_id, unit_code, start_date, end_date, status, activities, report_id, filed_on, amendments, position';

interface Touched { row: Row; existed: boolean; dirty: boolean }

/**
 * The rows' columns as rowsFrom hands them over: PostgreSQL reads its array literals in a quarter of
 * the time it took to read the same rows as JSON (jsonb_to_recordset), and these are the largest
 * tables a rebuild writes (a row per visit, in attendance and in reports).
 */
const COLUMNS: Columns<Row> = [
  ['visit_id', 'uuid'], ['cadre_id', 'uuid'], ['unit_code', 'text'], ['start_date', 'date'], ['end_date', 'date'], ['status', 'text'],
  ['activities', 'jsonb'], ['report_id', 'uuid'], ['filed_on', 'date'], ['amendments', 'integer'], ['position', 'bigint'],
];

/**
 * Applies a batch of fieldwork events in a few statements instead of one per event: read the rows
 * the batch touches, apply the events to them in memory in position order, write the new rows and
 * the changed ones back. The rules are the ones each event had as its own statement: a VisitLogged
 * for a known visit changes nothing (idempotent), a status event sets the status, a ReportFiled
 * sets the report only on a visit without one, a ReportAmended counts on the rows of its report;
 * `position` is the last event that changed the row. The batch runs in the runner's transaction
 * under the projection's lock, so nothing changes the rows between the read and the write.
 *
 * A visit the batch logs is taken to be new and not looked up (most of a visit's events come in
 * the batch that logs it, so looking them all up was most of a rebuild's reads); its row is
 * inserted only if absent, and a visit found to exist after all is applied again, with the events
 * that concern it, from its stored row. Returns the visits it inserted or changed (a visit's cadre
 * and dates never change).
 */
export async function applyVisitEvents(trx: Executor, t: string, events: readonly ProjectedEvent[]): Promise<TouchedVisit[]> {
  const first = await applyOnce(trx, t, events);
  if (first.existing.size === 0) return first.touched;
  // Those visits again, from their stored rows (and only those rows): their events, and every
  // amendment (a report of theirs, stored or filed in this batch, may be amended).
  const again = events.filter((e) => e.type === 'ReportAmended' || ('visitId' in e.data && first.existing.has(key(e.data.visitId as string))));
  const second = await applyOnce(trx, t, again, first.existing);
  return [...first.touched.filter((v) => !first.existing.has(key(v.visitId))), ...second.touched];
}

interface Applied {
  touched: TouchedVisit[];
  /** Visits taken as new that turned out to be stored already (their rows were not written), as keys. */
  existing: ReadonlySet<string>;
}

/**
 * One pass over the batch. The first (no `only`) does not look up the visits the batch logs; the
 * second reads only the rows of `only` (keys), the visits the first found stored after all.
 */
async function applyOnce(trx: Executor, t: string, events: readonly ProjectedEvent[], only?: ReadonlySet<string>): Promise<Applied> {
  const visits = new Map<string, Touched>();
  const byReport = new Map<string, Touched[]>();
  const rows = only ? await rowsOf(trx, t, [...only]) : await touchedRows(trx, t, events, loggedIn(events));
  for (const row of rows) {
    const touched = { row, existed: true, dirty: false };
    visits.set(row.visit_id, touched);
    if (row.report_id !== null) byReport.set(row.report_id, [...(byReport.get(row.report_id) ?? []), touched]);
  }
  for (const e of events) {
    const position = e.position.toString();
    switch (e.type) {
      case 'VisitLogged': {
        const { visitId, cadreId, unitCode, startDate, endDate, activities } = e.data;
        if (visits.has(key(visitId))) break;
        visits.set(key(visitId), { existed: false, dirty: true, row: {
          visit_id: visitId, cadre_id: cadreId, unit_code: unitCode, start_date: startDate, end_date: endDate, status: 'logged',
          activities: activities.map(({ kind, date }) => ({ kind, date })), report_id: null, filed_on: null, amendments: 0, position,
        } });
        break;
      }
      case 'VisitConfirmed':
      case 'VisitDisputeResolved':
        change(visits.get(key(e.data.visitId)), position, (r) => { r.status = 'confirmed'; });
        break;
      case 'VisitDisputed':
        change(visits.get(key(e.data.visitId)), position, (r) => { r.status = 'disputed'; });
        break;
      case 'VisitCancelled':
        change(visits.get(key(e.data.visitId)), position, (r) => { r.status = 'cancelled'; });
        break;
      case 'ReportFiled': {
        const touched = visits.get(key(e.data.visitId));
        if (touched === undefined || touched.row.report_id !== null) break;
        const { reportId } = e.data;
        change(touched, position, (r) => { r.report_id = reportId; r.filed_on = todayInVietnam(e.occurredAt.toISOString()); });
        byReport.set(key(reportId), [...(byReport.get(key(reportId)) ?? []), touched]);
        break;
      }
      case 'ReportAmended':
        for (const touched of byReport.get(key(e.data.reportId)) ?? []) change(touched, position, (r) => { r.amendments += 1; });
        break;
      default:
        break;
    }
  }
  const existing = await writeBack(trx, t, [...visits.values()]);
  const touched = [...visits.values()].filter((v) => v.dirty).map(({ row }) => ({ visitId: row.visit_id, cadreId: row.cadre_id, startDate: row.start_date, endDate: row.end_date }));
  return { touched, existing };
}

/**
 * An event's change to a row it found, marked as the row's last change. At module level, not a
 * closure per event: tsx names every function bound to a name where it is created (esbuild's
 * keepNames), a property definition per event of a rebuild.
 */
function change(touched: Touched | undefined, position: string, apply: (row: Row) => void): void {
  if (touched === undefined) return;
  apply(touched.row);
  touched.row.position = position;
  touched.dirty = true;
}

function loggedIn(events: readonly ProjectedEvent[]): Set<string> {
  const logged = new Set<string>();
  for (const e of events) if (e.type === 'VisitLogged') logged.add(key(e.data.visitId));
  return logged;
}

export interface TouchedVisit { visitId: string; cadreId: string; startDate: string; endDate: string }

/**
 * The rows of the visits and reports the batch names (a ReportAmended names only its report), but
 * the visits in `takenAsNew`.
 */
async function touchedRows(trx: Executor, t: string, events: readonly ProjectedEvent[], takenAsNew: ReadonlySet<string>): Promise<Row[]> {
  const visitIds = new Set<string>();
  const reportIds = new Set<string>();
  for (const e of events) {
    if (e.type === 'ReportAmended') reportIds.add(e.data.reportId);
    else if ('visitId' in e.data && typeof e.data.visitId === 'string' && !takenAsNew.has(key(e.data.visitId))) visitIds.add(e.data.visitId);
  }
  if (visitIds.size === 0 && reportIds.size === 0) return [];
  const rows = await sql<Row>`${selectRows(t)}
    WHERE visit_id = ANY (${[...visitIds]}::uuid[]) OR report_id = ANY (${[...reportIds]}::uuid[])`.execute(trx);
  return rows.rows;
}

async function rowsOf(trx: Executor, t: string, visitIds: readonly string[]): Promise<Row[]> {
  return (await sql<Row>`${selectRows(t)} WHERE visit_id = ANY (${visitIds}::uuid[])`.execute(trx)).rows;
}

const selectRows = (t: string) => sql`
  SELECT visit_id, cadre_id, unit_code, start_date::text AS start_date, end_date::text AS end_date, status, activities,
         report_id, filed_on::text AS filed_on, amendments, position::text AS position
  FROM ${sql.table(t)}`;

/** Writes the rows back; returns the visits taken as new that were stored already (not written). */
async function writeBack(trx: Executor, t: string, touched: readonly Touched[]): Promise<Set<string>> {
  const inserted = touched.filter((v) => !v.existed).map((v) => v.row);
  const updated = touched.filter((v) => v.existed && v.dirty).map((v) => v.row);
  const existing = new Set<string>();
  if (inserted.length > 0) {
    const written = await sql<{ visit_id: string }>`
      INSERT INTO ${sql.table(t)} (${sql.raw(NAMES)}) SELECT ${sql.raw(NAMES)} FROM ${rowsFrom(inserted, COLUMNS)} AS r
      ON CONFLICT (visit_id) DO NOTHING
      RETURNING visit_id`.execute(trx);
    if (written.rows.length < inserted.length) {
      // PostgreSQL prints a uuid in lower case, whatever case the event spelt it in.
      const ids = new Set(written.rows.map((r) => r.visit_id));
      for (const row of inserted) if (!ids.has(key(row.visit_id))) existing.add(key(row.visit_id));
    }
  }
  if (updated.length > 0) {
    await sql`UPDATE ${sql.table(t)} AS v SET status = r.status, report_id = r.report_id, filed_on = r.filed_on, amendments = r.amendments, position = r.position
              FROM ${rowsFrom(updated, COLUMNS)} AS r
              WHERE v.visit_id = r.visit_id`.execute(trx);
  }
  return existing;
}
