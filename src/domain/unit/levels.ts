import type { UnitLevel } from '#events/common.js';
import { fail } from '../rules.js';
import type { UnitFact } from '../facts.js';

/**
 * How levels nest. A commune's parent is a district before 1/7/2025 and its province after (the
 * two-tier model, domain-notes §6). Hamlets (thôn, ấp) sit under communes; residents' groups
 * (tổ dân phố, tổ nhân dân tự quản) under a commune or a hamlet (Bến Tre, domain-notes §3).
 */
const parentLevels: Record<UnitLevel, readonly UnitLevel[]> = {
  province: [],
  district: ['province'],
  commune: ['district', 'province'],
  hamlet: ['commune'],
  'residents-group': ['commune', 'hamlet'],
};

/** See the `unitCode` schema: national codes for 2, 3, 5 digits; diaban's own below a commune. */
const codeLengths: Record<UnitLevel, readonly number[]> = {
  province: [2],
  district: [3],
  commune: [5],
  hamlet: [8],
  'residents-group': [8, 11],
};

export function isBelowCommune(level: UnitLevel): boolean {
  return level === 'hamlet' || level === 'residents-group';
}

export function requireCodeFitsLevel(code: string, level: UnitLevel): void {
  if (!codeLengths[level].includes(code.length)) fail('UNIT_LEVEL_INVALID', 'code');
}

export function requireParentFits(level: UnitLevel, parent: UnitFact): void {
  if (!parentLevels[level].includes(parent.level)) fail('UNIT_LEVEL_INVALID', 'parentCode');
}

/** A hamlet's or group's code is the code of the unit it was established under plus 3 digits. */
export function requireCodeUnderParent(code: string, parentCode: string): void {
  if (!code.startsWith(parentCode) || code.length !== parentCode.length + 3) fail('UNIT_LEVEL_INVALID', 'code');
}
