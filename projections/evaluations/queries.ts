import { sql } from 'kysely';
import type { IsoDate, Rating } from '#events/common.js';
import type { Executor } from '#src/projections/Projection.js';
import { agencyUnitOf, loadContext, postingOf, provinceOf } from '../attendance/contextQueries.js';
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
  distribution: CommitteeDistribution[];
}

const yearEnd = (year: number): IsoDate => `${year}-12-31`;

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
 */
export async function queryEvaluations(db: Executor, q: EvaluationsQuery): Promise<EvaluationsAnswer> {
  const ctx = await loadContext(db, 'evaluations_context');
  const yearFilter = q.year === undefined ? sql`` : sql`WHERE year = ${q.year}`;
  const cadreRows = (await sql<Omit<CadreRatingRow, 'provinceCode'>>`
    SELECT evaluation_id AS "evaluationId", committee_unit_code AS "committeeUnitCode", cadre_id AS "cadreId", year, rating, amendments
    FROM evaluations_cadres ${yearFilter} ORDER BY year, committee_unit_code, cadre_id`.execute(db)).rows
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
    distribution: [...distribution(cadreRows, 'cadres'), ...distribution(unitRows, 'units')],
  };
}
