import type { IsoDate } from '#events/common.js';
import { decodeEvent } from '#events/registry.js';
import { policyStream } from '#events/streams.js';
import type { CadreFact, PolicyFact } from '../../domain/facts.js';
import { policyDecider, policyFactFor } from '../../domain/policy/index.js';
import type { EventStore } from '../../store/EventStore.js';
import { loadState } from './loadState.js';

const PAGE = 1000;

/**
 * The quota policy binding a committee's assignment of a cadre on a date. Policies are few (one or
 * two per province), so the candidates are found by reading the QuotaPolicyIssued events (filtered
 * by type in the database) until a read model of policies exists.
 */
export async function loadPolicyFact(
  store: EventStore,
  query: { committeeScope: readonly string[]; date: IsoDate; cadre: Pick<CadreFact, 'level' | 'position'> },
): Promise<PolicyFact | null> {
  const ids = await policiesCovering(store, query.committeeScope);
  const candidates = await Promise.all(ids.map((id) => loadState(store, policyStream(id), policyDecider)));
  return policyFactFor(candidates, query);
}

async function policiesCovering(store: EventStore, scope: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (let fromPosition = 1n; ; ) {
    const page = await store.readAll({ fromPosition, limit: PAGE, types: ['QuotaPolicyIssued'] });
    for (const stored of page.events) {
      const event = decodeEvent(stored.type, stored.schemaVersion, stored.data);
      if (event.type === 'QuotaPolicyIssued' && event.data.scopeUnitCodes.some((code) => scope.includes(code))) {
        ids.push(event.data.policyId);
      }
    }
    if (page.events.length < PAGE) return ids;
    fromPosition = page.nextPosition;
  }
}
