import { sql } from 'kysely';
import { todayInVietnam } from '#src/domain/time.js';
import type { Executor, ProjectedEvent } from '#src/projections/Projection.js';
import { rowsFrom, type Columns } from '#src/projections/rowsFrom.js';
import type { GroupKey } from './groups.js';

/** A recommendations_items row as read and written here (dates as YYYY-MM-DD text). */
interface Item {
  recommendation_id: string;
  cadre_id: string;
  unit_code: string;
  visit_id: string;
  report_id: string;
  raised_on: string;
  status: 'raised' | 'forwarded' | 'answered' | 'closed';
  agency_id: string | null;
  due_date: string | null;
  answered_on: string | null;
  closed_on: string | null;
  outcome: string | null;
  position: string;
}

const NAMES = 'recommendation_id, cadre_id, unit_code, visit_id, report_id, raised_on, status, agency_id, due_date, answered_on, closed_on, outcome, position';
/** The items' columns as rowsFrom hands them over (its literals cost PostgreSQL a quarter of what the same rows as JSON did). */
const COLUMNS: Columns<Item> = [
  ['recommendation_id', 'uuid'], ['cadre_id', 'uuid'], ['unit_code', 'text'], ['visit_id', 'uuid'], ['report_id', 'uuid'], ['raised_on', 'date'],
  ['status', 'text'], ['agency_id', 'uuid'], ['due_date', 'date'], ['answered_on', 'date'], ['closed_on', 'date'], ['outcome', 'text'], ['position', 'bigint'],
];

interface Touched { item: Item; existed: boolean; dirty: boolean }

/**
 * Applies a batch of recommendation events in at most three statements: read the items the batch
 * names, replay the events on them in memory in position order, write new and changed items back.
 * Each event keeps the rule it had as its own statement (the domain's lifecycle,
 * recommendation/state.ts): raised once (a repeat changes nothing), forwarded sets the agency and
 * due date, answered and closed their dates, reopened goes back to forwarded or raised. Dates are
 * the Vietnamese dates of the events' occurredAt, which the handlers set to the command's time.
 * Returns the (agency, commune) groups the changed items were in before and after (groups.ts), and
 * their days before and after (days.ts).
 */
export async function applyItems(trx: Executor, t: string, events: readonly ProjectedEvent[]): Promise<AppliedItems> {
  const ids = [...new Set(events.flatMap((e) => ('recommendationId' in e.data && typeof e.data.recommendationId === 'string' ? [e.data.recommendationId] : [])))];
  if (ids.length === 0) return { groups: [], days: [] };
  const items = new Map<string, Touched>();
  const existing = await sql<Item & { raised_province_code: string | null }>`
    SELECT recommendation_id, cadre_id, unit_code, visit_id, report_id, raised_on::text AS raised_on, status, agency_id, due_date::text AS due_date,
           answered_on::text AS answered_on, closed_on::text AS closed_on, outcome, position::text AS position, raised_province_code
    FROM ${sql.table(t)} WHERE recommendation_id = ANY (${ids}::uuid[])`.execute(trx);
  const days: DatedItem[] = existing.rows.map((i) => ({ ...dated(i), existed: true }));
  for (const { raised_province_code: _, ...item } of existing.rows) items.set(item.recommendation_id, { item, existed: true, dirty: false });
  const before = existing.rows.map((i): GroupKey => ({ agencyId: i.agency_id, unitCode: i.unit_code }));
  for (const e of events) apply(items, e);
  const inserted = [...items.values()].filter((v) => !v.existed).map((v) => v.item);
  const updated = [...items.values()].filter((v) => v.existed && v.dirty).map((v) => v.item);
  if (inserted.length > 0) {
    await sql`INSERT INTO ${sql.table(t)} (${sql.raw(NAMES)}) SELECT ${sql.raw(NAMES)}
              FROM ${rowsFrom(inserted, COLUMNS)} AS r`.execute(trx);
  }
  if (updated.length > 0) {
    await sql`UPDATE ${sql.table(t)} AS i SET status = r.status, agency_id = r.agency_id, due_date = r.due_date, answered_on = r.answered_on,
                closed_on = r.closed_on, outcome = r.outcome, position = r.position
              FROM ${rowsFrom(updated, COLUMNS)} AS r
              WHERE i.recommendation_id = r.recommendation_id`.execute(trx);
  }
  const province = new Map(existing.rows.map((i) => [i.recommendation_id, i.raised_province_code]));
  return {
    groups: [...before, ...[...inserted, ...updated].map((i): GroupKey => ({ agencyId: i.agency_id, unitCode: i.unit_code }))],
    days: [
      ...days,
      ...updated.map((i) => ({ ...dated({ ...i, raised_province_code: province.get(i.recommendation_id) ?? null }), existed: true })),
      ...inserted.map((i) => ({ ...dated({ ...i, raised_province_code: null }), existed: false })),
    ],
  };
}

/** What a batch changed: the groups (groups.ts) and the dated items before and after (days.ts). */
export interface AppliedItems { groups: GroupKey[]; days: DatedItem[] }

/**
 * An item's days, as it was or is now. `existed`: already stored before the batch (its
 * `raised_province_code` is the stored one); a new item's is worked out by days.ts.
 */
export interface DatedItem { recommendation_id: string; unit_code: string; raised_on: string; answered_on: string | null; raised_province_code: string | null; existed: boolean }

const dated = (i: Item & { raised_province_code: string | null }) => ({
  recommendation_id: i.recommendation_id, unit_code: i.unit_code, raised_on: i.raised_on, answered_on: i.answered_on, raised_province_code: i.raised_province_code,
});

/** An event's change to an item it found (at module level: see visitBatch.ts's `change`). */
function change(touched: Touched | undefined, position: string, set: (item: Item) => void): void {
  if (touched === undefined) return;
  set(touched.item);
  touched.item.position = position;
  touched.dirty = true;
}

function apply(items: Map<string, Touched>, e: ProjectedEvent): void {
  const on = todayInVietnam(e.occurredAt.toISOString());
  const position = e.position.toString();
  switch (e.type) {
    case 'RecommendationRaised': {
      const { recommendationId, cadreId, unitCode, visitId, reportId } = e.data;
      if (items.has(recommendationId)) return;
      items.set(recommendationId, { existed: false, dirty: true, item: {
        recommendation_id: recommendationId, cadre_id: cadreId, unit_code: unitCode, visit_id: visitId, report_id: reportId, raised_on: on,
        status: 'raised', agency_id: null, due_date: null, answered_on: null, closed_on: null, outcome: null, position,
      } });
      return;
    }
    case 'RecommendationForwarded':
      return change(items.get(e.data.recommendationId), position, (i) => { i.status = 'forwarded'; i.agency_id = e.data.agencyId; i.due_date = e.data.dueDate; });
    case 'RecommendationAnswered':
      return change(items.get(e.data.recommendationId), position, (i) => { i.status = 'answered'; i.answered_on = on; });
    case 'RecommendationClosed':
      return change(items.get(e.data.recommendationId), position, (i) => { i.status = 'closed'; i.closed_on = on; i.outcome = e.data.outcome; });
    case 'RecommendationReopened':
      return change(items.get(e.data.recommendationId), position, (i) => { i.status = i.agency_id === null ? 'raised' : 'forwarded'; i.closed_on = null; i.outcome = null; });
    default:
      return;
  }
}
