import type { IsoDate } from '#events/common.js';
import { agencyStream, cadreStream } from '#events/streams.js';
import { agencyDecider, agencyFact } from '../../domain/agency/index.js';
import { cadreDecider, cadreFactOn } from '../../domain/cadre/index.js';
import type { AgencyFact, CadreFact, PlanFact } from '../../domain/facts.js';
import { planDecider, planFact } from '../../domain/plan/index.js';
import type { EventStore } from '../../store/EventStore.js';
import { loadState } from './loadState.js';
import { planKey } from './streamKeys.js';

export async function loadAgencyFact(store: EventStore, agencyId: string): Promise<AgencyFact | null> {
  return agencyFact(await loadState(store, agencyStream(agencyId), agencyDecider));
}

export async function loadCadreFact(store: EventStore, cadreId: string, date: IsoDate): Promise<CadreFact | null> {
  return cadreFactOn(await loadState(store, cadreStream(cadreId), cadreDecider), date);
}

/** The plan a visit names, found by its id through the key its first draft claimed. */
export async function loadPlanFact(store: EventStore, planId: string): Promise<PlanFact | null> {
  const streamId = await store.lookupStream(planKey(planId));
  return streamId === null ? null : planFact(await loadState(store, streamId, planDecider));
}
