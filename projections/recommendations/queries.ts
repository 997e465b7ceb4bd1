import { sql } from 'kysely';
import type { IsoDate } from '#events/common.js';
import { toEpochDay } from '#src/domain/time.js';
import type { Executor } from '#src/projections/Projection.js';
import { loadContext, provinceOf, type Context } from '../attendance/contextQueries.js';
import { inScope, type DashboardScope } from '../attendance/scope.js';

export type RecommendationFilter = 'open' | 'answered' | 'overdue' | 'closed';

export interface RecommendationsQuery {
  provinceCode?: string;
  agencyId?: string;
  status?: RecommendationFilter;
  scope: DashboardScope;
  today: IsoDate;
  limit: number;
  offset: number;
}

export interface RecommendationRow {
  recommendationId: string;
  cadreId: string;
  unitCode: string;
  provinceCode: string | null;
  visitId: string;
  reportId: string;
  raisedOn: string;
  status: 'raised' | 'forwarded' | 'answered' | 'closed';
  agencyId: string | null;
  dueDate: string | null;
  answeredOn: string | null;
  closedOn: string | null;
  outcome: string | null;
  open: boolean;
  overdue: boolean;
  /** Days from raised to today while open, to the answer once answered, to the closing once closed. */
  ageDays: number;
}

export interface AgencyFigures {
  agencyId: string | null;
  open: number;
  answered: number;
  closed: number;
  overdue: number;
  oldestOpenDays: number | null;
  meanDaysToAnswer: number | null;
}

export interface RecommendationsAnswer {
  total: number;
  rows: RecommendationRow[];
  byAgency: AgencyFigures[];
}

type Stored = Omit<RecommendationRow, 'provinceCode' | 'open' | 'overdue' | 'ageDays'>;

const days = (from: string, to: string): number => toEpochDay(to) - toEpochDay(from);

/** Every recommendation, or (with `touching`) those raised or answered within the period. */
export async function loadRecommendations(db: Executor, touching?: { from: IsoDate; to: IsoDate }): Promise<Stored[]> {
  const within = touching === undefined ? sql``
    : sql`WHERE raised_on BETWEEN ${touching.from}::date AND ${touching.to}::date OR answered_on BETWEEN ${touching.from}::date AND ${touching.to}::date`;
  const rows = await sql<Stored>`
    SELECT recommendation_id AS "recommendationId", cadre_id AS "cadreId", unit_code AS "unitCode", visit_id AS "visitId",
           report_id AS "reportId", raised_on::text AS "raisedOn", status, agency_id AS "agencyId", due_date::text AS "dueDate",
           answered_on::text AS "answeredOn", closed_on::text AS "closedOn", outcome
    FROM recommendations_items ${within} ORDER BY raised_on, recommendation_id`.execute(db);
  return rows.rows;
}

/** Open: raised or forwarded (not yet answered); overdue: open past the due date the forwarding set. */
export function describe(ctx: Context, r: Stored, today: IsoDate): RecommendationRow {
  const open = r.status === 'raised' || r.status === 'forwarded';
  const end = r.status === 'closed' ? r.closedOn : r.status === 'answered' ? r.answeredOn : today;
  return {
    ...r, open, provinceCode: provinceOf(ctx, r.unitCode, today),
    overdue: open && r.dueDate !== null && today > r.dueDate,
    ageDays: days(r.raisedOn, end ?? today),
  };
}

const matches = (row: RecommendationRow, status?: RecommendationFilter): boolean =>
  status === undefined || (status === 'open' ? row.open : status === 'overdue' ? row.overdue : row.status === status);

function byAgency(rows: readonly RecommendationRow[]): AgencyFigures[] {
  const groups = new Map<string | null, RecommendationRow[]>();
  for (const row of rows) groups.set(row.agencyId, [...(groups.get(row.agencyId) ?? []), row]);
  return [...groups.entries()].map(([agencyId, list]) => {
    const open = list.filter((r) => r.open);
    const answered = list.filter((r) => r.answeredOn !== null);
    return {
      agencyId,
      open: open.length,
      answered: list.filter((r) => r.status === 'answered').length,
      closed: list.filter((r) => r.status === 'closed').length,
      overdue: list.filter((r) => r.overdue).length,
      oldestOpenDays: open.length === 0 ? null : Math.max(...open.map((r) => r.ageDays)),
      meanDaysToAnswer: answered.length === 0 ? null : answered.reduce((n, r) => n + days(r.raisedOn, r.answeredOn ?? r.raisedOn), 0) / answered.length,
    };
  }).sort((a, b) => (a.agencyId ?? '').localeCompare(b.agencyId ?? ''));
}

export async function queryRecommendations(db: Executor, q: RecommendationsQuery): Promise<RecommendationsAnswer> {
  const ctx = await loadContext(db, 'recommendations_context');
  const rows = (await loadRecommendations(db))
    .map((r) => describe(ctx, r, q.today))
    .filter((r) => inScope(q.scope, { cadreIds: [r.cadreId], agencyIds: [r.agencyId], unitCodes: [r.unitCode], provinceCodes: [r.provinceCode] }, ctx, q.today))
    .filter((r) => (q.provinceCode === undefined || r.provinceCode === q.provinceCode) && (q.agencyId === undefined || r.agencyId === q.agencyId));
  const listed = rows.filter((r) => matches(r, q.status));
  return { total: listed.length, rows: listed.slice(q.offset, q.offset + q.limit), byAgency: byAgency(rows) };
}
