import { DomainError } from '../../domain/errors.js';
import type { EventStore } from '../../store/EventStore.js';
import { planKey } from '../facts/streamKeys.js';

/** The stream of a plan by its id; PLAN_NOT_FOUND when no draft claimed it. */
export async function findPlan(store: EventStore, planId: string): Promise<string> {
  const streamId = await store.lookupStream(planKey(planId));
  if (streamId === null) throw new DomainError('PLAN_NOT_FOUND', undefined, 'planId');
  return streamId;
}
