import type { IsoDate } from '#events/common.js';
import type { UnitEvent } from '#events/registry.js';
import type { UnitDissolved } from '#events/units.js';
import { definedOnly, sameData } from '../data.js';
import { assertAsOf, type UnitFact } from '../facts.js';
import { fail, requireActiveUnit } from '../rules.js';
import { addDays } from '../time.js';
import type { DissolveUnit, EstablishUnit, MergeUnits, RenameUnit, ReparentUnit, UnitCommand, UnitContexts } from './commands.js';
import { isBelowCommune, requireCodeFitsLevel, requireCodeUnderParent, requireParentFits } from './levels.js';
import { nameOn, parentOn } from './queries.js';
import type { EstablishedUnit, UnitState } from './state.js';

/**
 * Unit changes may take effect in the future: resolutions are adopted before they apply
 * (1654–1687/NQ-UBTVQH15 of 16/6/2025 took effect on 1/7/2025, domain-notes §6). Repeating an
 * establishment, rename, reparent, merge or dissolution already recorded appends nothing, so an
 * import can rerun.
 */
export function decide<C extends UnitCommand>(command: C, state: UnitState, context: UnitContexts[C['type']]): UnitEvent[] {
  const cmd: UnitCommand = command;
  // The signature ties `context` to the command's type; each cast restates that for the branch.
  switch (cmd.type) {
    case 'EstablishUnit': return establishUnit(cmd, state, context as UnitContexts['EstablishUnit']);
    case 'RenameUnit': return renameUnit(cmd, state);
    case 'ReparentUnit': return reparentUnit(cmd, state, context as UnitContexts['ReparentUnit']);
    case 'MergeUnits': return mergeUnits(cmd, state, context as UnitContexts['MergeUnits']);
    case 'DissolveUnit': return dissolveUnit(cmd, state, context as UnitContexts['DissolveUnit']);
    default: {
      const _: never = cmd;
      return _;
    }
  }
}

function establishUnit({ data }: EstablishUnit, state: UnitState, { parent }: UnitContexts['EstablishUnit']): UnitEvent[] {
  const event: UnitEvent = { type: 'UnitEstablished', data: definedOnly({ ...data }) };
  if (state.status === 'established') {
    if (sameData(state.established, event.data)) return [];
    fail('UNIT_ALREADY_EXISTS', 'code');
  }
  requireCodeFitsLevel(data.code, data.level);
  if (data.parentCode === null) {
    if (data.level !== 'province') fail('UNIT_LEVEL_INVALID', 'parentCode');
    return [event];
  }
  if (data.level === 'province') fail('UNIT_LEVEL_INVALID', 'parentCode');
  requireParentFits(data.level, requireParent(parent, data.parentCode, data.effectiveDate));
  if (isBelowCommune(data.level)) requireCodeUnderParent(data.code, data.parentCode);
  return [event];
}

function renameUnit({ data }: RenameUnit, state: UnitState): UnitEvent[] {
  const unit = requireChangeable(state, data.effectiveDate);
  // A rename to the name and type already in effect changes nothing, like a repeated reparent.
  const current = nameOn(unit, data.effectiveDate);
  if (current !== undefined && current.name === data.name && current.type === (data.type ?? current.type)) return [];
  return [{ type: 'UnitRenamed', data: definedOnly({ ...data }) }];
}

function reparentUnit({ data }: ReparentUnit, state: UnitState, { parent }: UnitContexts['ReparentUnit']): UnitEvent[] {
  const unit = requireChangeable(state, data.effectiveDate);
  if (data.parentCode === unit.code) fail('UNIT_LEVEL_INVALID', 'parentCode');
  requireParentFits(unit.level, requireParent(parent, data.parentCode, data.effectiveDate));
  const previousParentCode = parentOn(unit, data.effectiveDate) ?? null;
  if (previousParentCode === data.parentCode) return [];
  return [{ type: 'UnitReparented', data: definedOnly({ ...data, previousParentCode }) }];
}

function mergeUnits({ data }: MergeUnits, state: UnitState, { fromUnits }: UnitContexts['MergeUnits']): UnitEvent[] {
  if (state.status === 'none') return fail('UNIT_NOT_FOUND', 'intoCode');
  if (state.merges.some((merge) => sameData(merge, data))) return [];
  requireChangeable(state, data.effectiveDate, 'intoCode');
  const lastDayBefore = addDays(data.effectiveDate, -1);
  data.fromCodes.forEach((code, index) => {
    const unit = fromUnits.find((candidate) => candidate.code === code) ?? null;
    requireActiveUnit(unit, lastDayBefore, `fromCodes.${index}`);
  });
  return [{ type: 'UnitsMerged', data: { ...data } }];
}

function dissolveUnit({ data }: DissolveUnit, state: UnitState, { successors }: UnitContexts['DissolveUnit']): UnitEvent[] {
  if (state.status === 'established' && state.dissolved !== null && sameData(state.dissolved, data)) return [];
  requireChangeable(state, data.effectiveDate);
  requireSuccessorCount(data);
  data.successorCodes.forEach((code, index) => {
    if (code === data.code) fail('UNIT_SUCCESSORS_INVALID', `successorCodes.${index}`);
    const unit = successors.find((candidate) => candidate.code === code) ?? null;
    requireActiveUnit(unit, data.effectiveDate, `successorCodes.${index}`);
  });
  return [{ type: 'UnitDissolved', data: { ...data } }];
}

function requireSuccessorCount({ reason, successorCodes }: UnitDissolved): void {
  const minimum = { merged: 1, split: 2, abolished: 0 }[reason];
  if (successorCodes.length < minimum) fail('UNIT_SUCCESSORS_INVALID', 'successorCodes');
}

function requireParent(parent: UnitFact | null, parentCode: string, date: IsoDate): UnitFact {
  assertAsOf(parent, date, 'parent');
  if (parent !== null && parent.code !== parentCode) throw new Error(`context.parent is ${parent.code}, not ${parentCode}`);
  return requireActiveUnit(parent, date, 'parentCode');
}

/** A change applies to an established unit, on or after its establishment, before it ceased. */
function requireChangeable(state: UnitState, date: IsoDate, field = 'code'): EstablishedUnit {
  if (state.status === 'none') return fail('UNIT_NOT_FOUND', field);
  if (date < state.established.effectiveDate) fail('UNIT_CHANGE_BEFORE_ESTABLISHMENT', 'effectiveDate');
  if (state.dissolved !== null && date >= state.dissolved.effectiveDate) fail('UNIT_NOT_ACTIVE', field);
  return state;
}
