import type { UnitLevel } from '#events/common.js';
import type { Actor } from '#src/domain/actor.js';
import type { CommandMetadata } from '#src/domain/command.js';
import type { AgencyFact, CadreFact, UnitFact } from '#src/domain/facts.js';

/** Deterministic version-4 UUIDs: id(1) = 00000000-0000-4000-8000-000000000001. */
export function id(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** 10:00 in Hà Nội on 1 March 2025 (03:00 UTC). */
export const NOW = '2025-03-01T03:00:00Z';
export const TODAY = '2025-03-01';

export const admin: Actor = { userId: 'u-admin', role: 'admin' };
export const system: Actor = { userId: 'import', role: 'system' };

export function meta(actor: Actor = admin, now: string = NOW): CommandMetadata {
  return { now, actor };
}

export function cadreActor(cadreId: string): Actor {
  return { userId: `u-${cadreId}`, role: 'cadre', cadreId };
}

export function committeeActor(unitCode: string): Actor {
  return { userId: `u-${unitCode}`, role: 'unit-committee', unitCode };
}

export function agencyActor(agencyId: string): Actor {
  return { userId: `u-${agencyId}`, role: 'agency', agencyId };
}

/**
 * A small piece of Lào Cai before 2025: province 10, district 080 (Thành phố Lào Cai), communes
 * 02641 and 02644, hamlet 02641001.
 */
export const PROVINCE = '10';
export const DISTRICT = '080';
export const COMMUNE = '02641';
export const OTHER_COMMUNE = '02644';
export const HAMLET = '02641001';

const ancestorsOf: Record<string, UnitFact['ancestors']> = {
  [PROVINCE]: [],
  [DISTRICT]: [{ code: PROVINCE, level: 'province' }],
  [COMMUNE]: [{ code: DISTRICT, level: 'district' }, { code: PROVINCE, level: 'province' }],
  [OTHER_COMMUNE]: [{ code: DISTRICT, level: 'district' }, { code: PROVINCE, level: 'province' }],
  [HAMLET]: [{ code: COMMUNE, level: 'commune' }, { code: DISTRICT, level: 'district' }, { code: PROVINCE, level: 'province' }],
};

const levelOf: Record<number, UnitLevel> = { 2: 'province', 3: 'district', 5: 'commune', 8: 'hamlet' };

export function unitFact(code: string, asOf: string, overrides: Partial<UnitFact> = {}): UnitFact {
  return { code, level: levelOf[code.length] ?? 'commune', asOf, active: true, ancestors: ancestorsOf[code] ?? [], ...overrides };
}

export function cadreFact(cadreId: string, asOf: string, overrides: Partial<CadreFact> = {}): CadreFact {
  return { cadreId, asOf, active: true, agencyId: id(900), level: 'province', position: 'Phó Giám đốc Sở', ...overrides };
}

export function agencyFact(agencyId: string, unitCode: string = PROVINCE): AgencyFact {
  return { agencyId, unitCode };
}
