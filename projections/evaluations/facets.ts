import { sql } from 'kysely';
import type { IsoDate } from '#events/common.js';
import type { Executor, ProjectedEvent } from '#src/projections/Projection.js';
import { agencyUnitOf, ancestorsOf, postingOf, provinceOf, type Context } from '../attendance/contextQueries.js';

/**
 * What the dashboard's filters and scopes ask of a rating, stored beside it so that the answer is
 * counted in SQL: the evaluating committee's province and ancestors on 31 December of the year;
 * for a cadre's rating also the cadre's agency that day and that agency's province; for a
 * commune's rating the ancestors of the commune too (a unit committee sees the ratings of the units
 * beneath it). The same rules as the definition in queries.ts (evaluationsFromContext).
 *
 * Derived from the ratings and the context, so recounted when either moves: the ratings a batch
 * wrote; every rating of a cadre whose postings a batch changed; every rating when a unit or an
 * agency event arrives (the map changes rarely; a few rows per cadre and commune per year).
 */
export const yearEnd = (year: number): IsoDate => `${year}-12-31`;

export type Recount = 'all' | { readonly evaluationIds: readonly string[]; readonly cadreIds: readonly string[]; readonly unitKeys: readonly UnitKey[] };
export interface UnitKey { readonly committee_unit_code: string; readonly unit_code: string; readonly year: number }

/** Which ratings a batch's context events make stale: those of some cadres, or all of them. */
export function staleRatings(events: readonly ProjectedEvent[]): 'all' | Set<string> {
  const cadreIds = new Set<string>();
  for (const e of events) {
    switch (e.type) {
      case 'UnitEstablished': case 'UnitReparented': case 'UnitsMerged': case 'UnitDissolved':
      case 'AgencyRegistered':
        return 'all';
      // A name enters no facet (codes and ids do), and a rename leaves a unit's level and parents as they were.
      case 'UnitRenamed': case 'AgencyRenamed':
        break;
      case 'CadreRegistered': case 'CadreTransferred': case 'CadrePositionChanged': case 'CadreRetired':
        cadreIds.add(e.data.cadreId);
        break;
      default:
        break;
    }
  }
  return cadreIds;
}

const ROWS_PER_STATEMENT = 5_000;

/** A committee's ratings of one year, of cadres or of communes: what the distribution counts (distribution.ts). */
export interface CommitteeYear { subject: 'cadres' | 'units'; committee_unit_code: string; year: number }

/** Recounts the facets; returns the committee-years whose ratings it touched (or 'all'). */
export async function recountFacets(trx: Executor, ctx: Context, tables: { cadres: string; units: string }, which: Recount): Promise<'all' | CommitteeYear[]> {
  const cadres = await recountCadres(trx, ctx, tables.cadres, which);
  const units = await recountUnits(trx, ctx, tables.units, which);
  return which === 'all' ? 'all' : [...cadres, ...units];
}

async function recountCadres(trx: Executor, ctx: Context, table: string, which: Recount): Promise<CommitteeYear[]> {
  if (which !== 'all' && which.evaluationIds.length === 0 && which.cadreIds.length === 0) return [];
  const where = which === 'all' ? sql`true`
    : sql`evaluation_id = ANY (${[...which.evaluationIds]}::uuid[]) OR cadre_id = ANY (${[...which.cadreIds]}::uuid[])`;
  const rows = (await sql<{ evaluation_id: string; committee_unit_code: string; cadre_id: string; year: number }>`
    SELECT evaluation_id, committee_unit_code, cadre_id, year FROM ${sql.table(table)} WHERE ${where}`.execute(trx)).rows
    .map((r) => ({ evaluation_id: r.evaluation_id, committee_unit_code: r.committee_unit_code, year: r.year, ...cadreFacets(ctx, r.committee_unit_code, r.cadre_id, r.year) }));
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await sql`UPDATE ${sql.table(table)} AS c
              SET province_code = r.province_code, agency_id = r.agency_id, agency_province_code = r.agency_province_code,
                  ancestors = ARRAY(SELECT jsonb_array_elements_text(r.ancestors))
              FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))}::jsonb)
                   AS r(evaluation_id uuid, province_code text, agency_id uuid, agency_province_code text, ancestors jsonb)
              WHERE c.evaluation_id = r.evaluation_id`.execute(trx);
  }
  return rows.map((r) => ({ subject: 'cadres', committee_unit_code: r.committee_unit_code, year: r.year }));
}

async function recountUnits(trx: Executor, ctx: Context, table: string, which: Recount): Promise<CommitteeYear[]> {
  if (which !== 'all' && which.unitKeys.length === 0) return [];
  const where = which === 'all' ? sql`true`
    : sql`(committee_unit_code, unit_code, year) IN (
            SELECT * FROM jsonb_to_recordset(${JSON.stringify(which.unitKeys)}::jsonb) AS k(committee_unit_code text, unit_code text, year integer))`;
  const rows = (await sql<UnitKey>`SELECT committee_unit_code, unit_code, year FROM ${sql.table(table)} WHERE ${where}`.execute(trx)).rows
    .map((r) => ({ ...r, ...unitFacets(ctx, r.committee_unit_code, r.unit_code, r.year) }));
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await sql`UPDATE ${sql.table(table)} AS u
              SET province_code = r.province_code, ancestors = ARRAY(SELECT jsonb_array_elements_text(r.ancestors))
              FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))}::jsonb)
                   AS r(committee_unit_code text, unit_code text, year integer, province_code text, ancestors jsonb)
              WHERE (u.committee_unit_code, u.unit_code, u.year) = (r.committee_unit_code, r.unit_code, r.year)`.execute(trx);
  }
  return rows.map((r) => ({ subject: 'units', committee_unit_code: r.committee_unit_code, year: r.year }));
}

export interface CadreFacets { province_code: string | null; agency_id: string | null; agency_province_code: string | null; ancestors: readonly string[] }

export function cadreFacets(ctx: Context, committeeUnitCode: string, cadreId: string, year: number): CadreFacets {
  const day = yearEnd(year);
  const agencyId = postingOf(ctx, cadreId, day)?.agencyId ?? null;
  const agencyUnit = agencyId === null ? null : agencyUnitOf(ctx, agencyId);
  return {
    province_code: provinceOf(ctx, committeeUnitCode, day),
    agency_id: agencyId,
    agency_province_code: agencyUnit === null ? null : provinceOf(ctx, agencyUnit, day),
    ancestors: ancestorsOf(ctx, committeeUnitCode, day),
  };
}

export function unitFacets(ctx: Context, committeeUnitCode: string, unitCode: string, year: number): { province_code: string | null; ancestors: readonly string[] } {
  const day = yearEnd(year);
  return {
    province_code: provinceOf(ctx, committeeUnitCode, day),
    ancestors: [...new Set([...ancestorsOf(ctx, committeeUnitCode, day), ...ancestorsOf(ctx, unitCode, day)])],
  };
}
