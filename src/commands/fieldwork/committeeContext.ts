import type { CommitteeContext, FieldworkState } from '../../domain/fieldwork/index.js';
import type { EventStore } from '../../store/EventStore.js';
import { loadUnitFact } from '../facts/unitFact.js';

/** The visited unit as of the visit's start date (its commune's committee may act for a hamlet). */
export async function loadCommitteeContext(store: EventStore, state: FieldworkState, visitId: string): Promise<CommitteeContext> {
  const visit = state.visits.get(visitId);
  return { visitedUnit: visit === undefined ? null : await loadUnitFact(store, visit.unitCode, visit.startDate) };
}
