import { sql } from 'kysely';
import type { EventType } from '#events/registry.js';
import type { Executor } from '#src/projections/Projection.js';

export const visitEventTypes = [
  'VisitLogged', 'VisitConfirmed', 'VisitDisputed', 'VisitDisputeResolved', 'VisitCancelled', 'ReportFiled', 'ReportAmended',
] as const satisfies readonly EventType[];

/**
 * One row per visit, keyed by the visit, whatever order its events were recorded in relative to
 * other visits: a visit logged late lands in the year of its own dates. `activities` keeps each
 * activity's kind and date; the report columns say when it was filed (the Vietnamese date of the
 * ReportFiled's occurredAt, which the handler sets to the command's time) and how often amended.
 */
export function visitsTableDdl(t: string): string {
  return `
    CREATE TABLE ${t} (
      visit_id    uuid    PRIMARY KEY,
      cadre_id    uuid    NOT NULL,
      unit_code   text    NOT NULL,
      start_date  date    NOT NULL,
      end_date    date    NOT NULL,
      status      text    NOT NULL CHECK (status IN ('logged', 'confirmed', 'disputed', 'cancelled')),
      activities  jsonb   NOT NULL,
      report_id   uuid,
      filed_on    date,
      amendments  integer NOT NULL DEFAULT 0,
      position    bigint  NOT NULL
    );
    -- A batch reads the visits of the reports it amends (visitBatch.ts).
    CREATE INDEX ${t}_report ON ${t} (report_id);
  `;
}

/** What the queries and the recounts read by (Projection.queryIndexes). */
export function visitsQueryIndexesDdl(t: string): string {
  return `
    CREATE INDEX IF NOT EXISTS ${t}_cadre ON ${t} (cadre_id, start_date);
    CREATE INDEX IF NOT EXISTS ${t}_dates ON ${t} (start_date, end_date);
  `;
}

export interface VisitRow {
  visitId: string;
  cadreId: string;
  unitCode: string;
  startDate: string;
  endDate: string;
  status: 'logged' | 'confirmed' | 'disputed' | 'cancelled';
  activities: Array<{ kind: string; date: string }>;
  reportId: string | null;
  filedOn: string | null;
  amendments: number;
}

/** Visits with a day in [from, to], optionally of some cadres. */
export async function visitsBetween(db: Executor, t: string, from: string, to: string, cadreIds?: readonly string[]): Promise<VisitRow[]> {
  const rows = await sql<VisitRow>`
    SELECT visit_id AS "visitId", cadre_id AS "cadreId", unit_code AS "unitCode", start_date::text AS "startDate",
           end_date::text AS "endDate", status, activities, report_id AS "reportId", filed_on::text AS "filedOn", amendments
    FROM ${sql.table(t)}
    WHERE start_date <= ${to}::date AND end_date >= ${from}::date
      ${cadreIds ? sql`AND cadre_id = ANY (${[...cadreIds]}::uuid[])` : sql``}
    ORDER BY start_date, visit_id`.execute(db);
  return rows.rows;
}
