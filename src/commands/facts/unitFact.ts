import type { IsoDate } from '#events/common.js';
import { unitStream } from '#events/streams.js';
import type { UnitFact } from '../../domain/facts.js';
import { parentOn, unitDecider, unitFactOn, type UnitState } from '../../domain/unit/index.js';
import type { EventStore } from '../../store/EventStore.js';
import { loadState } from './loadState.js';

/** No real chain is longer (province, district, commune, hamlet, group); guards against a cycle. */
const MAX_DEPTH = 6;

export function loadUnitState(store: EventStore, code: string): Promise<UnitState> {
  return loadState(store, unitStream(code), unitDecider);
}

/** The fact about a unit on a date, its ancestors on that date walked up the parents' streams. */
export async function loadUnitFact(store: EventStore, code: string, date: IsoDate): Promise<UnitFact | null> {
  const state = await loadUnitState(store, code);
  if (state.status === 'none') return null;
  const ancestors: { code: string; level: UnitFact['level'] }[] = [];
  let parentCode = parentOn(state, date) ?? null;
  while (parentCode !== null && ancestors.length < MAX_DEPTH) {
    const parent = await loadUnitState(store, parentCode);
    if (parent.status === 'none') break;
    ancestors.push({ code: parent.code, level: parent.level });
    parentCode = parentOn(parent, date) ?? null;
  }
  return unitFactOn(state, date, ancestors);
}

export async function loadUnitFacts(store: EventStore, codes: readonly string[], date: IsoDate): Promise<UnitFact[]> {
  const facts = await Promise.all([...new Set(codes)].map((code) => loadUnitFact(store, code, date)));
  return facts.filter((fact): fact is UnitFact => fact !== null);
}

/** The unit and its ancestors' codes on a date, nearest first: a committee's scope. */
export async function unitAndAncestors(store: EventStore, code: string, date: IsoDate): Promise<string[]> {
  const fact = await loadUnitFact(store, code, date);
  return fact === null ? [code] : [code, ...fact.ancestors.map((ancestor) => ancestor.code)];
}
