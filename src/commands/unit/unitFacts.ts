import type { IsoDate } from '#events/common.js';
import type { UnitFact } from '../../domain/facts.js';
import { parentOn, unitFactOn } from '../../domain/unit/index.js';
import type { UnitStates } from './unitStates.js';

/** Provinces, districts, communes, hamlets, groups: no real chain is longer. Guards against a cycle. */
const MAX_DEPTH = 6;

/** The fact about `code` on `date`, with its ancestors on that date walked up the parents' streams. */
export async function unitFactOnDate(units: UnitStates, code: string, date: IsoDate): Promise<UnitFact | null> {
  const state = await units.get(code);
  if (state.status === 'none') return null;
  const ancestors: { code: string; level: UnitFact['level'] }[] = [];
  let parentCode = parentOn(state, date) ?? null;
  while (parentCode !== null && ancestors.length < MAX_DEPTH) {
    const parent = await units.get(parentCode);
    if (parent.status === 'none') break;
    ancestors.push({ code: parent.code, level: parent.level });
    parentCode = parentOn(parent, date) ?? null;
  }
  return unitFactOn(state, date, ancestors);
}

export async function unitFactsOnDate(units: UnitStates, codes: readonly string[], date: IsoDate): Promise<UnitFact[]> {
  const facts = await Promise.all(codes.map((code) => unitFactOnDate(units, code, date)));
  return facts.filter((fact): fact is UnitFact => fact !== null);
}
