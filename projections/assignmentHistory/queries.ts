import { sql } from 'kysely';
import type { Executor } from '#src/projections/Projection.js';

export interface AssignmentRow {
  assignmentId: string;
  board: string;
  holderKind: 'cadre' | 'agency';
  cadreId: string | null;
  agencyId: string | null;
  unitCode: string;
  kind: string;
  programme: string | null;
  decisionRef: string;
  decisionDate: string;
  congressTerm: string | null;
  overrideReason: string | null;
  rotatedFrom: string | null;
  validFrom: string;
  /** Exclusive; null while open-ended. */
  validTo: string | null;
  endReason: string | null;
  recordedFrom: string;
  recordedTo: string | null;
  position: string;
}

export interface AssignmentQuery {
  unitCodes?: readonly string[];
  cadreId?: string;
  /** Valid on this date (YYYY-MM-DD). */
  at?: string;
  /** As the ledger knew it at this instant (default: now, i.e. current knowledge). */
  knownAt?: Date;
  limit: number;
  offset: number;
}

/**
 * "Who followed unit X on date D, as the ledger knew it at time T", or the whole timeline of a unit
 * or a cadre (every version still current at T, ordered by valid time).
 */
export async function queryAssignments(db: Executor, q: AssignmentQuery): Promise<AssignmentRow[]> {
  const knownAt = q.knownAt ? sql`recorded_from <= ${q.knownAt} AND (recorded_to IS NULL OR recorded_to > ${q.knownAt})` : sql`recorded_to IS NULL`;
  const rows = await sql<AssignmentRow>`
    SELECT assignment_id AS "assignmentId", board, holder_kind AS "holderKind", cadre_id AS "cadreId", agency_id AS "agencyId",
           unit_code AS "unitCode", kind, programme, decision_ref AS "decisionRef", decision_date::text AS "decisionDate",
           congress_term AS "congressTerm", override_reason AS "overrideReason", rotated_from AS "rotatedFrom",
           valid_from::text AS "validFrom", valid_to::text AS "validTo", end_reason AS "endReason",
           to_char(recorded_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedFrom",
           to_char(recorded_to AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedTo",
           position::text AS position
    FROM assignment_versions
    WHERE ${knownAt}
      ${q.unitCodes ? sql`AND unit_code = ANY (${[...q.unitCodes]}::text[])` : sql``}
      ${q.cadreId ? sql`AND cadre_id = ${q.cadreId}::uuid` : sql``}
      ${q.at ? sql`AND valid_from <= ${q.at}::date AND (valid_to IS NULL OR valid_to > ${q.at}::date)` : sql``}
    ORDER BY valid_from, assignment_id, position
    LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return rows.rows;
}
