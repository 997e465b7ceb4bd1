import type { Actor } from '../../../domain/actor.js';
import { ApiError } from '../../../errors/ApiError.js';
import { unitsUnder } from '#projections/unitLineage/queries.js';
import type { AppServices } from '../../AppServices.js';

/**
 * What a caller may read of the assignment read models: everything (admin, and inspectors or
 * viewers with no province), the units under a province at any time (organizers, and inspectors
 * or viewers with one: old communes merged away stay in their history), the units under a
 * committee's unit, or one cadre's own rows. Agencies read the dashboards of their own (not these).
 */
export type ReadScope = { kind: 'all' } | { kind: 'units'; units: readonly string[] } | { kind: 'cadre'; cadreId: string };

export async function readScope(services: Pick<AppServices, 'database'>, actor: Actor): Promise<ReadScope> {
  const db = services.database.db;
  switch (actor.role) {
    case 'admin':
      return { kind: 'all' };
    case 'organizer':
    case 'inspector':
    case 'viewer':
      if (actor.provinceCode !== undefined) return { kind: 'units', units: await unitsUnder(db, actor.provinceCode) };
      if (actor.role === 'organizer') break;
      return { kind: 'all' };
    case 'unit-committee':
      if (actor.unitCode !== undefined) return { kind: 'units', units: await unitsUnder(db, actor.unitCode) };
      break;
    case 'cadre':
      if (actor.cadreId !== undefined) return { kind: 'cadre', cadreId: actor.cadreId };
      break;
    default:
      break;
  }
  throw new ApiError('FORBIDDEN', `a ${actor.role} token may not read assignments`);
}

/** The unit filter a query runs with: what it asked for, narrowed to the scope. */
export function narrowUnits(scope: ReadScope, asked: readonly string[] | undefined): readonly string[] | undefined {
  if (scope.kind !== 'units') return asked;
  if (asked === undefined) return scope.units;
  const allowed = new Set(scope.units);
  return asked.filter((u) => allowed.has(u));
}
