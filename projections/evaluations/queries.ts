import { sql } from 'kysely';
import type { Rating } from '#events/common.js';
import type { Executor } from '#src/projections/Projection.js';
import { agencyUnitOf, loadContext, postingOf, provinceOf } from '../attendance/contextQueries.js';
import { yearEnd } from './facets.js';
import { inScope, type DashboardScope } from '../attendance/scope.js';

export interface EvaluationsQuery {
  year?: number;
  provinceCode?: string;
  scope: DashboardScope;
  limit: number;
  offset: number;
}

export interface CadreRatingRow { evaluationId: string; committeeUnitCode: string; cadreId: string; year: number; rating: Rating; amendments: number; provinceCode: string | null }
export interface UnitRatingRow { committeeUnitCode: string; unitCode: string; year: number; rating: Rating; provinceCode: string | null }
export type Distribution = Record<Rating, number>;
export interface CommitteeDistribution { committeeUnitCode: string; year: number; subject: 'cadres' | 'units'; total: number; ratings: Distribution }

export interface EvaluationsAnswer {
  cadres: { total: number; rows: CadreRatingRow[] };
  units: { total: number; rows: UnitRatingRow[] };
  /**
   * The committee-years, the cadres' first (by year, committee), then the communes', paged with the
   * same limit/offset as the rows: every committee of every year came to ~2,000 entries (315 KB) a
   * country's answer, and grows by a year's committees each year.
   */
  distribution: { total: number; items: CommitteeDistribution[] };
}

function paged(all: CommitteeDistribution[], q: EvaluationsQuery): EvaluationsAnswer['distribution'] {
  return { total: all.length, items: all.slice(q.offset, q.offset + q.limit) };
}

/** One committee-year's counts as the SQL answers them. */
interface Counted { committeeUnitCode: string; year: number; total: number; excellent: number; good: number; completed: number; notCompleted: number }

function distribution(rows: ReadonlyArray<{ committeeUnitCode: string; year: number; rating: Rating }>, subject: 'cadres' | 'units'): CommitteeDistribution[] {
  const groups = new Map<string, CommitteeDistribution>();
  for (const r of rows) {
    const key = `${r.committeeUnitCode}/${r.year}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { committeeUnitCode: r.committeeUnitCode, year: r.year, subject, total: 0, ratings: { excellent: 0, good: 0, completed: 0, 'not-completed': 0 } };
      groups.set(key, g);
    }
    g.total += 1;
    g.ratings[r.rating] += 1;
  }
  return [...groups.values()];
}

/**
 * Ratings of cadres and communes per year, scoped and filtered by the committee's province (its
 * unit tree on 31 December of the year), with the distribution of the four levels per committee.
 * Counted in SQL over the facets stored with each rating (facets.ts); the definition it is held to
 * is evaluationsFromContext, the same answer worked out row by row from the context.
 */
export async function queryEvaluations(db: Executor, q: EvaluationsQuery): Promise<EvaluationsAnswer> {
  if (q.scope.kind === 'nothing') return { cadres: { total: 0, rows: [] }, units: { total: 0, rows: [] }, distribution: { total: 0, items: [] } };
  const common = sql.join([
    q.year === undefined ? sql`true` : sql`year = ${q.year}`,
    q.provinceCode === undefined ? sql`true` : sql`province_code = ${q.provinceCode}`,
  ], sql` AND `);
  const s = q.scope;
  const cadreScope = s.kind === 'all' ? sql`true`
    : s.kind === 'province' ? sql`(province_code = ${s.provinceCode} OR agency_province_code = ${s.provinceCode})`
    : s.kind === 'cadre' ? sql`cadre_id = ${s.cadreId}::uuid`
    : s.kind === 'agency' ? sql`agency_id = ${s.agencyId}::uuid`
    : sql`${s.unitCode}::text = ANY (ancestors)`;
  const unitScope = s.kind === 'all' ? sql`true`
    : s.kind === 'province' ? sql`province_code = ${s.provinceCode}`
    : s.kind === 'unit' ? sql`${s.unitCode}::text = ANY (ancestors)`
    : sql`false`; // a cadre's or an agency's scope holds no commune's rating
  const cadresWhere = sql`${common} AND ${cadreScope}`;
  const unitsWhere = sql`${common} AND ${unitScope}`;
  const counts = (table: string, where: typeof common) => sql<Counted>`
    SELECT committee_unit_code AS "committeeUnitCode", year, count(*)::int AS total,
           count(*) FILTER (WHERE rating = 'excellent')::int AS excellent, count(*) FILTER (WHERE rating = 'good')::int AS good,
           count(*) FILTER (WHERE rating = 'completed')::int AS completed, count(*) FILTER (WHERE rating = 'not-completed')::int AS "notCompleted"
    FROM ${sql.table(table)} WHERE ${where} GROUP BY year, committee_unit_code ORDER BY year, committee_unit_code`.execute(db);
  // The country's and a province's distribution: sums over the pre-counted committee-years.
  const precounted = s.kind === 'all' || s.kind === 'province';
  // Its rows carry the same province columns as the cadres' ('' for none; a commune's rating has no agency province).
  const distributionWhere = sql`${common} AND ${s.kind === 'province' ? cadreScope : sql`true`}`;
  const sums = (subject: 'cadres' | 'units') => sql<Counted>`
    SELECT committee_unit_code AS "committeeUnitCode", year, sum(total)::int AS total, sum(excellent)::int AS excellent, sum(good)::int AS good,
           sum(completed)::int AS completed, sum(not_completed)::int AS "notCompleted"
    FROM evaluations_distribution WHERE subject = ${subject} AND ${distributionWhere}
    GROUP BY year, committee_unit_code ORDER BY year, committee_unit_code`.execute(db);
  const [cadreGroups, unitGroups, cadreRows, unitRows] = await Promise.all([
    precounted ? sums('cadres') : counts('evaluations_cadres', cadresWhere),
    precounted ? sums('units') : counts('evaluations_units', unitsWhere),
    sql<CadreRatingRow>`
      SELECT evaluation_id AS "evaluationId", committee_unit_code AS "committeeUnitCode", cadre_id AS "cadreId", year, rating, amendments,
             province_code AS "provinceCode"
      FROM evaluations_cadres WHERE ${cadresWhere}
      ORDER BY year, committee_unit_code, cadre_id, evaluation_id LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db),
    sql<UnitRatingRow>`
      SELECT committee_unit_code AS "committeeUnitCode", unit_code AS "unitCode", year, rating, province_code AS "provinceCode"
      FROM evaluations_units WHERE ${unitsWhere}
      ORDER BY year, committee_unit_code, unit_code LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db),
  ]);
  const groups = (rows: readonly Counted[], subject: 'cadres' | 'units'): CommitteeDistribution[] => rows.map((g) => ({
    committeeUnitCode: g.committeeUnitCode, year: g.year, subject, total: g.total,
    ratings: { excellent: g.excellent, good: g.good, completed: g.completed, 'not-completed': g.notCompleted },
  }));
  const sum = (rows: readonly Counted[]) => rows.reduce((n, g) => n + g.total, 0);
  return {
    cadres: { total: sum(cadreGroups.rows), rows: cadreRows.rows },
    units: { total: sum(unitGroups.rows), rows: unitRows.rows },
    distribution: paged([...groups(cadreGroups.rows, 'cadres'), ...groups(unitGroups.rows, 'units')], q),
  };
}

/** The definition queryEvaluations is held to: every rating read, its facets looked up in the context. */
export async function evaluationsFromContext(db: Executor, q: EvaluationsQuery): Promise<EvaluationsAnswer> {
  const ctx = await loadContext(db, 'evaluations_context');
  const yearFilter = q.year === undefined ? sql`` : sql`WHERE year = ${q.year}`;
  const cadreRows = (await sql<Omit<CadreRatingRow, 'provinceCode'>>`
    SELECT evaluation_id AS "evaluationId", committee_unit_code AS "committeeUnitCode", cadre_id AS "cadreId", year, rating, amendments
    FROM evaluations_cadres ${yearFilter} ORDER BY year, committee_unit_code, cadre_id, evaluation_id`.execute(db)).rows
    .map((r) => ({ ...r, provinceCode: provinceOf(ctx, r.committeeUnitCode, yearEnd(r.year)) }))
    .filter((r) => {
      if (q.scope.kind === 'all') return true;
      const agencyId = postingOf(ctx, r.cadreId, yearEnd(r.year))?.agencyId ?? null;
      const agencyUnit = agencyId === null ? null : agencyUnitOf(ctx, agencyId);
      return inScope(q.scope, { cadreIds: [r.cadreId], agencyIds: [agencyId], unitCodes: [r.committeeUnitCode], provinceCodes: [r.provinceCode, agencyUnit === null ? null : provinceOf(ctx, agencyUnit, yearEnd(r.year))] }, ctx, yearEnd(r.year));
    })
    .filter((r) => q.provinceCode === undefined || r.provinceCode === q.provinceCode);
  const unitRows = (await sql<Omit<UnitRatingRow, 'provinceCode'>>`
    SELECT committee_unit_code AS "committeeUnitCode", unit_code AS "unitCode", year, rating
    FROM evaluations_units ${yearFilter} ORDER BY year, committee_unit_code, unit_code`.execute(db)).rows
    .map((r) => ({ ...r, provinceCode: provinceOf(ctx, r.committeeUnitCode, yearEnd(r.year)) }))
    .filter((r) => q.scope.kind === 'all' || inScope(q.scope, { unitCodes: [r.committeeUnitCode, r.unitCode], provinceCodes: [r.provinceCode] }, ctx, yearEnd(r.year)))
    .filter((r) => q.provinceCode === undefined || r.provinceCode === q.provinceCode);
  return {
    cadres: { total: cadreRows.length, rows: cadreRows.slice(q.offset, q.offset + q.limit) },
    units: { total: unitRows.length, rows: unitRows.slice(q.offset, q.offset + q.limit) },
    distribution: paged([...distribution(cadreRows, 'cadres'), ...distribution(unitRows, 'units')], q),
  };
}
