import { sql } from 'kysely';
import type { Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';

type Tables = 'assignment_versions';

/** The day after an ISO date: valid time is stored half-open, [valid_from, valid_to). */
function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Bitemporal assignment history. Each row is one version of what the ledger knew about one
 * assignment: valid time [valid_from, valid_to) says when it was in force (dates, the decision's
 * words), transaction time [recorded_from, recorded_to) says when the ledger held that knowledge.
 * Ending an assignment never edits the past: it closes the row's transaction time and adds a new
 * version with the shortened valid time. "Who followed X on D as known at T" filters both.
 */
export const assignmentHistory: Projection<Tables> = {
  name: 'assignment-history',
  version: 1,
  eventTypes: ['CadreAssigned', 'AgencyAssignedToSupportUnit', 'AssignmentEnded', 'CadreRotated'],
  tables: {
    assignment_versions: (t) => `
      CREATE TABLE ${t} (
        assignment_id   uuid        NOT NULL,
        board           text        NOT NULL,
        holder_kind     text        NOT NULL CHECK (holder_kind IN ('cadre', 'agency')),
        cadre_id        uuid,
        agency_id       uuid,
        unit_code       text        NOT NULL,
        kind            text        NOT NULL,
        programme       text,
        decision_ref    text        NOT NULL,
        decision_date   date        NOT NULL,
        congress_term   text,
        override_reason text,
        rotated_from    uuid,
        valid_from      date        NOT NULL,
        valid_to        date,
        end_reason      text,
        recorded_from   timestamptz NOT NULL,
        recorded_to     timestamptz,
        position        bigint      NOT NULL,
        PRIMARY KEY (assignment_id, recorded_from, position)
      );
      CREATE INDEX ${t}_unit ON ${t} (unit_code, valid_from);
      CREATE INDEX ${t}_cadre ON ${t} (cadre_id, valid_from);
      CREATE INDEX ${t}_current ON ${t} (assignment_id) WHERE recorded_to IS NULL;
    `,
  },
  async apply(trx: Executor, events: readonly ProjectedEvent[], tables: TableNames<Tables>) {
    const t = tables.assignment_versions;
    for (const e of events) {
      switch (e.type) {
        case 'CadreAssigned':
          await insertVersion(trx, t, e, {
            assignment_id: e.data.assignmentId, board: e.data.committeeUnitCode, holder_kind: 'cadre', cadre_id: e.data.cadreId,
            unit_code: e.data.unitCode, kind: e.data.kind, decision_ref: e.data.decisionRef, decision_date: e.data.decisionDate,
            congress_term: e.data.congressTerm, override_reason: e.data.overrideReason ?? null, valid_from: e.data.effectiveFrom,
            valid_to: e.data.effectiveUntil ? dayAfter(e.data.effectiveUntil) : null,
          });
          break;
        case 'AgencyAssignedToSupportUnit':
          await insertVersion(trx, t, e, {
            assignment_id: e.data.assignmentId, board: e.data.committeeUnitCode, holder_kind: 'agency', agency_id: e.data.agencyId,
            unit_code: e.data.unitCode, kind: 'support', programme: e.data.programme, decision_ref: e.data.decisionRef,
            decision_date: e.data.decisionDate, valid_from: e.data.effectiveFrom,
            valid_to: e.data.effectiveUntil ? dayAfter(e.data.effectiveUntil) : null,
          });
          break;
        case 'AssignmentEnded':
          await endVersion(trx, t, e, e.data.assignmentId, e.data.effectiveDate, e.data.reason);
          break;
        case 'CadreRotated':
          await endVersion(trx, t, e, e.data.endedAssignmentId, e.data.effectiveDate, 'rotated');
          await insertVersion(trx, t, e, {
            assignment_id: e.data.assignmentId, board: e.data.committeeUnitCode, holder_kind: 'cadre', cadre_id: e.data.cadreId,
            unit_code: e.data.unitCode, kind: e.data.kind, decision_ref: e.data.decisionRef, decision_date: e.data.decisionDate,
            congress_term: e.data.congressTerm, override_reason: e.data.overrideReason ?? null, rotated_from: e.data.endedAssignmentId,
            valid_from: e.data.effectiveDate, valid_to: e.data.effectiveUntil ? dayAfter(e.data.effectiveUntil) : null,
          });
          break;
        default:
          break;
      }
    }
  },
};

async function insertVersion(trx: Executor, table: string, e: ProjectedEvent, row: Record<string, unknown>): Promise<void> {
  await trx
    .insertInto(table)
    .values({ ...row, recorded_from: e.recordedAt, position: e.position.toString() })
    .execute();
}

const COLUMNS = `assignment_id, board, holder_kind, cadre_id, agency_id, unit_code, kind, programme, decision_ref,
  decision_date, congress_term, override_reason, rotated_from, valid_from`;

/**
 * Closes what was known and records the shortened validity as a new version, in one statement (no
 * dates travel through JavaScript, whose Date would shift them by the time zone).
 */
async function endVersion(trx: Executor, table: string, e: ProjectedEvent, assignmentId: string, endDate: string, reason: string): Promise<void> {
  await sql`
    WITH closed AS (
      UPDATE ${sql.table(table)} SET recorded_to = ${e.recordedAt}
      WHERE assignment_id = ${assignmentId} AND recorded_to IS NULL
      RETURNING *)
    INSERT INTO ${sql.table(table)} (${sql.raw(COLUMNS)}, valid_to, end_reason, recorded_from, recorded_to, position)
    SELECT ${sql.raw(COLUMNS)},
           CASE WHEN valid_to IS NOT NULL AND valid_to < ${endDate}::date THEN valid_to ELSE ${endDate}::date END,
           ${reason}, ${e.recordedAt}, NULL, ${e.position.toString()}
    FROM closed`.execute(trx);
}
