import type { IsoDate } from '#events/common.js';
import { decodeEvent, type UnitEvent } from '#events/registry.js';
import { isActiveOn, parentOn, unitDecider, type UnitState } from '#src/domain/unit/index.js';
import type { EventStore } from '#src/store/EventStore.js';

const UNIT_TYPES = ['UnitEstablished', 'UnitRenamed', 'UnitReparented', 'UnitsMerged', 'UnitDissolved'];

/** Every unit stream's state, folded from one pass over the log (the import's own handlers are not used). */
export async function unitStates(store: EventStore): Promise<Map<string, UnitState>> {
  const states = new Map<string, UnitState>();
  let fromPosition = 1n;
  for (;;) {
    const page = await store.readAll({ fromPosition, limit: 10_000, types: UNIT_TYPES });
    for (const stored of page.events) {
      const code = stored.streamId.slice('unit-'.length);
      const event = decodeEvent(stored.type, stored.schemaVersion, stored.data) as UnitEvent;
      states.set(code, unitDecider.evolve(states.get(code) ?? unitDecider.initialState(), event));
    }
    if (page.events.length < 10_000) return states;
    fromPosition = page.nextPosition;
  }
}

/** How many units of each level are active on `date`. */
export function activeCounts(states: ReadonlyMap<string, UnitState>, date: IsoDate): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const state of states.values()) {
    if (isActiveOn(state, date)) counts[state.level] = (counts[state.level] ?? 0) + 1;
  }
  return counts;
}

/** The province a unit lies in on `date`, walking the parents as they were that day. */
export function provinceOn(states: ReadonlyMap<string, UnitState>, code: string, date: IsoDate): string | null {
  let state = states.get(code);
  while (state !== undefined && state.status === 'established' && state.level !== 'province') {
    state = states.get(parentOn(state, date) ?? '');
  }
  return state?.status === 'established' ? state.code : null;
}

/** Active communes per province on `date`. */
export function communesByProvince(states: ReadonlyMap<string, UnitState>, date: IsoDate): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [code, state] of states) {
    if (state.status !== 'established' || state.level !== 'commune' || !isActiveOn(state, date)) continue;
    const province = provinceOn(states, code, date) ?? 'none';
    counts[province] = (counts[province] ?? 0) + 1;
  }
  return counts;
}
