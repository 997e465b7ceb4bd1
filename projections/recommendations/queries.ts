import { sql } from 'kysely';
import type { IsoDate } from '#events/common.js';
import { toEpochDay } from '#src/domain/time.js';
import type { Executor } from '#src/projections/Projection.js';
import { inUnits } from '../unitSet.js';
import { ancestorsOf, loadContext, memoOn, provinceOf, type Context } from '../attendance/contextQueries.js';
import { inScope, type DashboardScope } from '../attendance/scope.js';
import { collate } from '../collate.js';

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

const COLUMNS = sql`recommendation_id AS "recommendationId", cadre_id AS "cadreId", unit_code AS "unitCode", visit_id AS "visitId",
  report_id AS "reportId", raised_on::text AS "raisedOn", status, agency_id AS "agencyId", due_date::text AS "dueDate",
  answered_on::text AS "answeredOn", closed_on::text AS "closedOn", outcome`;

/** Every recommendation, or (with `touching`) those raised or answered within the period, or one cadre's. */
export async function loadRecommendations(db: Executor, touching?: { from: IsoDate; to: IsoDate }, cadreId?: string): Promise<Stored[]> {
  const within = touching === undefined ? sql``
    : sql`AND (raised_on BETWEEN ${touching.from}::date AND ${touching.to}::date OR answered_on BETWEEN ${touching.from}::date AND ${touching.to}::date)`;
  const ofCadre = cadreId === undefined ? sql`` : sql`AND cadre_id = ${cadreId}::uuid`;
  const rows = await sql<Stored>`
    SELECT ${COLUMNS} FROM recommendations_items WHERE true ${within} ${ofCadre} ORDER BY raised_on, recommendation_id`.execute(db);
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
  for (const row of rows) {
    const group = groups.get(row.agencyId);
    if (group === undefined) groups.set(row.agencyId, [row]);
    else group.push(row);
  }
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
  }).sort((a, b) => collate(a.agencyId ?? '', b.agencyId ?? ''));
}

/**
 * The answer worked out from every item in memory: the definition of the figures. It serves a
 * cadre's own dashboard (a few dozen items) and is what the tests hold the pre-counted answer to.
 */
export function answerFromItems(ctx: Context, items: readonly Stored[], q: RecommendationsQuery): RecommendationsAnswer {
  const rows = items
    .map((r) => describe(ctx, r, q.today))
    .filter((r) => inScope(q.scope, { cadreIds: [r.cadreId], agencyIds: [r.agencyId], unitCodes: [r.unitCode], provinceCodes: [r.provinceCode] }, ctx, q.today))
    .filter((r) => (q.provinceCode === undefined || r.provinceCode === q.provinceCode) && (q.agencyId === undefined || r.agencyId === q.agencyId));
  const listed = rows.filter((r) => matches(r, q.status));
  return { total: listed.length, rows: listed.slice(q.offset, q.offset + q.limit), byAgency: byAgency(rows) };
}

const EMPTY: RecommendationsAnswer = { total: 0, rows: [], byAgency: [] };

/**
 * The dashboard: the per-agency figures summed from the (agency, commune) counts (groups.ts), the
 * total from the same sums, and only the page of rows read from the items. The scope and the
 * province filter become a set of communes (their province and ancestors on the day asked, from
 * the context); the agency scope and filter an agency.
 */
export async function queryRecommendations(db: Executor, q: RecommendationsQuery): Promise<RecommendationsAnswer> {
  if (q.scope.kind === 'nothing') return EMPTY;
  const ctx = await loadContext(db, 'recommendations_context');
  if (q.scope.kind === 'cadre') return answerFromItems(ctx, await loadRecommendations(db, undefined, q.scope.cadreId), q);
  const agencies = [q.scope.kind === 'agency' ? q.scope.agencyId : undefined, q.agencyId].filter((a): a is string => a !== undefined);
  if (new Set(agencies).size > 1) return EMPTY;
  const units = unitsOf(ctx, q);
  if (units !== null && units.length === 0) return EMPTY;
  const within = (alias: string) => sql.join([
    sql`true`,
    ...(units === null ? [] : [inUnits(sql.ref(`${alias}.unit_code`), units)]),
    ...(agencies[0] === undefined ? [] : [sql`${sql.ref(`${alias}.agency_id`)} = ${agencies[0]}::uuid`]),
  ], sql` AND `);
  const [groups, notYetDue, page] = await Promise.all([
    sql<{ agency_key: string; agency_id: string | null; open: number; answered: number; closed: number; open_with_due: number; oldest_open: string | null; answer_count: number; answer_days: number }>`
      SELECT g.agency_key, g.agency_id, sum(g.open_count)::int AS open, sum(g.answered_count)::int AS answered, sum(g.closed_count)::int AS closed,
             sum(g.open_with_due)::int AS open_with_due, min(g.oldest_open)::text AS oldest_open, sum(g.answer_count)::int AS answer_count,
             sum(g.answer_days)::float8 AS answer_days
      FROM recommendations_groups AS g WHERE ${within('g')} GROUP BY g.agency_key, g.agency_id`.execute(db),
    sql<{ agency_key: string; n: number }>`
      SELECT coalesce(i.agency_id::text, '') AS agency_key, count(*)::int AS n FROM recommendations_items AS i
      WHERE i.status IN ('raised', 'forwarded') AND i.due_date >= ${q.today}::date AND ${within('i')} GROUP BY 1`.execute(db),
    sql<Stored>`
      SELECT ${COLUMNS} FROM recommendations_items AS i WHERE ${within('i')} AND ${statusCondition(q.status, q.today)}
      ORDER BY i.raised_on, i.recommendation_id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db),
  ]);
  const due = new Map(notYetDue.rows.map((r) => [r.agency_key, r.n]));
  const figures = groups.rows.map((g): AgencyFigures & { total: number } => ({
    agencyId: g.agency_id,
    open: g.open,
    answered: g.answered,
    closed: g.closed,
    overdue: g.open_with_due - (due.get(g.agency_key) ?? 0),
    oldestOpenDays: g.oldest_open === null ? null : days(g.oldest_open, q.today),
    meanDaysToAnswer: g.answer_count === 0 ? null : g.answer_days / g.answer_count,
    total: g.open + g.answered + g.closed,
  })).sort((a, b) => collate(a.agencyId ?? '', b.agencyId ?? ''));
  const sum = (f: (a: (typeof figures)[number]) => number) => figures.reduce((n, a) => n + f(a), 0);
  const total = q.status === undefined ? sum((a) => a.total) : q.status === 'open' ? sum((a) => a.open) : q.status === 'overdue' ? sum((a) => a.overdue) : q.status === 'answered' ? sum((a) => a.answered) : sum((a) => a.closed);
  return {
    total,
    rows: page.rows.map((r) => describe(ctx, r, q.today)),
    byAgency: figures.map(({ total: _, ...a }) => a),
  };
}

function statusCondition(status: RecommendationFilter | undefined, today: IsoDate) {
  switch (status) {
    case undefined: return sql`true`;
    case 'open': return sql`i.status IN ('raised', 'forwarded')`;
    case 'overdue': return sql`i.status IN ('raised', 'forwarded') AND i.due_date < ${today}::date`;
    default: return sql`i.status = ${status}`;
  }
}

/**
 * The communes a query covers (null: every one): those in the province asked and the caller's
 * province, under the caller's unit, on the day asked. A code unknown to the unit tree has no
 * province and is only its own ancestor, as answerFromItems has it.
 */
function unitsOf(ctx: Context, q: RecommendationsQuery): string[] | null {
  const provinces = [q.scope.kind === 'province' ? q.scope.provinceCode : undefined, q.provinceCode].filter((p): p is string => p !== undefined);
  const under = q.scope.kind === 'unit' ? q.scope.unitCode : undefined;
  if (provinces.length === 0 && under === undefined) return null;
  if (new Set(provinces).size > 1) return [];
  return memoOn(ctx, `recommendation-units/${q.today}/${provinces[0] ?? ''}/${under ?? ''}`, () =>
    [...new Set([...ctx.units.keys(), ...(under === undefined ? [] : [under])])].filter((code) =>
      (provinces[0] === undefined || provinceOf(ctx, code, q.today) === provinces[0])
      && (under === undefined || ancestorsOf(ctx, code, q.today).includes(under))));
}
