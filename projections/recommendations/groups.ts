import { sql } from 'kysely';
import type { Executor } from '#src/projections/Projection.js';

/**
 * The per-agency figures of the dashboard, pre-counted per (agency, commune): a province has a few
 * thousand such pairs against tens of thousands of recommendations, so the figures for any set of
 * communes and agencies are a sum over a few thousand rows instead of a pass over every item.
 * Communes, not provinces, are the grain because a commune's province is read from the unit tree on
 * the day asked (a reparenting moves it), which the query resolves from the context.
 *
 * Everything here is a plain count or sum over the group's items except "overdue", which depends on
 * today: a group keeps how many open items have a due date, and the query subtracts those not yet
 * due (due today or later: few, found through a partial index of the open items by due date).
 */
export function groupsTableDdl(t: string): string {
  return `
    CREATE TABLE ${t} (
      agency_key        text    NOT NULL,  -- the agency id, '' before forwarding (a key cannot be NULL)
      agency_id         uuid,
      unit_code         text    NOT NULL,
      open_count        integer NOT NULL,  -- raised or forwarded
      answered_count    integer NOT NULL,  -- status answered
      closed_count      integer NOT NULL,
      open_with_due     integer NOT NULL,  -- open with a due date (overdue once it has passed)
      oldest_open       date,              -- the earliest raised_on of the open ones
      answer_count      integer NOT NULL,  -- with an answered_on, whatever the status now
      answer_days       bigint  NOT NULL,  -- the sum of answered_on - raised_on over those
      PRIMARY KEY (agency_key, unit_code)
    );
  `;
}

export interface GroupKey {
  agencyId: string | null;
  unitCode: string;
}

const OPEN = sql`i.status IN ('raised', 'forwarded')`;

/**
 * Recounts the groups a batch touched from the items (after the items were written, in the same
 * transaction): a group whose items all moved to another agency disappears. Recounting a group
 * reads its items only (index on unit_code), so a batch costs what it touches.
 */
export async function recountGroups(trx: Executor, items: string, groups: string, keys: readonly GroupKey[]): Promise<void> {
  if (keys.length === 0) return;
  const unique = [...new Map(keys.map((k) => [`${k.agencyId ?? ''}|${k.unitCode}`, { agency_key: k.agencyId ?? '', unit_code: k.unitCode }])).values()];
  const touched = sql`jsonb_to_recordset(${JSON.stringify(unique)}::jsonb) AS k(agency_key text, unit_code text)`;
  await sql`DELETE FROM ${sql.table(groups)} AS g USING ${touched}
            WHERE g.agency_key = k.agency_key AND g.unit_code = k.unit_code`.execute(trx);
  await insertCounts(trx, groups, sql`${touched} JOIN ${sql.table(items)} AS i ON i.unit_code = k.unit_code AND coalesce(i.agency_id::text, '') = k.agency_key`);
}

/** Recounts every group (a build being promoted: its batches deferred the recounts), in one pass. */
export async function recountAllGroups(trx: Executor, items: string, groups: string): Promise<void> {
  await sql`DELETE FROM ${sql.table(groups)}`.execute(trx);
  await insertCounts(trx, groups, sql`${sql.table(items)} AS i`);
}

/** Counts the items of `from` (which names them i) per group. */
async function insertCounts(trx: Executor, groups: string, from: ReturnType<typeof sql>): Promise<void> {
  await sql`
    INSERT INTO ${sql.table(groups)} (agency_key, agency_id, unit_code, open_count, answered_count, closed_count, open_with_due,
                                      oldest_open, answer_count, answer_days)
    SELECT coalesce(i.agency_id::text, ''), i.agency_id, i.unit_code,
           count(*) FILTER (WHERE ${OPEN}),
           count(*) FILTER (WHERE i.status = 'answered'),
           count(*) FILTER (WHERE i.status = 'closed'),
           count(*) FILTER (WHERE ${OPEN} AND i.due_date IS NOT NULL),
           min(i.raised_on) FILTER (WHERE ${OPEN}),
           count(i.answered_on),
           coalesce(sum(i.answered_on - i.raised_on), 0)
    FROM ${from}
    GROUP BY 1, 2, 3`.execute(trx);
}
