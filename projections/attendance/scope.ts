import type { IsoDate } from '#events/common.js';
import type { Actor } from '#src/domain/actor.js';
import { ancestorsOf, type Context } from './contextQueries.js';

/**
 * What a caller may see on the dashboards (issue 5): an organizer, inspector or viewer of a
 * province that province (without a province, an inspector or viewer sees the whole country); a
 * cadre itself; a unit committee its unit and the units beneath it; an agency its own cadres and
 * the recommendations forwarded to it; an admin everything.
 */
export type DashboardScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'province'; readonly provinceCode: string }
  | { readonly kind: 'cadre'; readonly cadreId: string }
  | { readonly kind: 'unit'; readonly unitCode: string }
  | { readonly kind: 'agency'; readonly agencyId: string }
  | { readonly kind: 'nothing' };

export function scopeOf(actor: Actor): DashboardScope {
  switch (actor.role) {
    case 'admin':
    case 'system':
      return { kind: 'all' };
    case 'organizer':
    case 'inspector':
    case 'viewer':
      return actor.provinceCode === undefined ? (actor.role === 'organizer' ? { kind: 'nothing' } : { kind: 'all' }) : { kind: 'province', provinceCode: actor.provinceCode };
    case 'cadre':
      return actor.cadreId === undefined ? { kind: 'nothing' } : { kind: 'cadre', cadreId: actor.cadreId };
    case 'unit-committee':
      return actor.unitCode === undefined ? { kind: 'nothing' } : { kind: 'unit', unitCode: actor.unitCode };
    case 'agency':
      return actor.agencyId === undefined ? { kind: 'nothing' } : { kind: 'agency', agencyId: actor.agencyId };
    default: {
      const _: never = actor.role;
      return { kind: 'nothing' };
    }
  }
}

/** What a row is about, for the scope check. */
export interface Facets {
  readonly cadreIds?: readonly string[];
  readonly agencyIds?: readonly (string | null)[];
  /** Units the row concerns (visited, followed, rated, the committee's own). */
  readonly unitCodes: readonly string[];
  readonly provinceCodes: readonly (string | null)[];
}

export function inScope(scope: DashboardScope, facets: Facets, ctx: Context, date: IsoDate): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'nothing':
      return false;
    case 'province':
      return facets.provinceCodes.includes(scope.provinceCode);
    case 'cadre':
      return facets.cadreIds?.includes(scope.cadreId) ?? false;
    case 'agency':
      return facets.agencyIds?.includes(scope.agencyId) ?? false;
    case 'unit':
      return facets.unitCodes.some((code) => ancestorsOf(ctx, code, date).includes(scope.unitCode));
    default: {
      const _: never = scope;
      return false;
    }
  }
}
