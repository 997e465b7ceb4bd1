import type { IsoDate } from '#events/common.js';
import type { CadreAssignmentContext } from '../../domain/board/index.js';
import type { EventStore } from '../../store/EventStore.js';
import { loadPolicyFact } from '../facts/policyFact.js';
import { loadCadreFact } from '../facts/streamFacts.js';
import { loadUnitFact, unitAndAncestors } from '../facts/unitFact.js';

/** Unit, cadre and binding policy as of a new assignment's first day (AssignCadre, RotateCadre). */
export async function loadCadreAssignmentContext(
  store: EventStore,
  query: { committeeUnitCode: string; cadreId: string; unitCode: string; firstDay: IsoDate },
): Promise<CadreAssignmentContext> {
  const [unit, cadre, committeeScope] = await Promise.all([
    loadUnitFact(store, query.unitCode, query.firstDay),
    loadCadreFact(store, query.cadreId, query.firstDay),
    unitAndAncestors(store, query.committeeUnitCode, query.firstDay),
  ]);
  const policy = cadre === null ? null : await loadPolicyFact(store, { committeeScope, date: query.firstDay, cadre });
  return { unit, cadre, policy };
}
