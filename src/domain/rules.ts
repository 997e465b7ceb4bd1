import type { IsoDate } from '#events/common.js';
import { DomainError, type DomainErrorCode } from './errors.js';
import { assertAsOf, type AgencyFact, type CadreFact, type UnitFact } from './facts.js';

/** Checks several streams share. Each throws a DomainError naming the command field at fault. */

export function fail(code: DomainErrorCode, field?: string): never {
  throw new DomainError(code, undefined, field);
}

export function requireNotFuture(date: IsoDate, today: IsoDate, field: string): void {
  if (date > today) fail('DATE_IN_FUTURE', field);
}

export function requireOrdered(start: IsoDate, end: IsoDate | undefined | null, field: string): void {
  if (end !== undefined && end !== null && end < start) fail('DATE_RANGE_INVALID', field);
}

export function requireActiveUnit(unit: UnitFact | null, date: IsoDate, field: string): UnitFact {
  assertAsOf(unit, date, field);
  if (unit === null) return fail('UNIT_NOT_FOUND', field);
  if (!unit.active) fail('UNIT_NOT_ACTIVE', field);
  return unit;
}

/** The committee of a unit acts on the units beneath it only. */
export function requireUnder(unit: UnitFact, committeeUnitCode: string, field: string): void {
  if (!unit.ancestors.some((ancestor) => ancestor.code === committeeUnitCode)) fail('UNIT_OUTSIDE_COMMITTEE', field);
}

export function requireActiveCadre(cadre: CadreFact | null, date: IsoDate, field: string): CadreFact {
  assertAsOf(cadre, date, field);
  if (cadre === null) return fail('CADRE_NOT_FOUND', field);
  if (!cadre.active) fail('CADRE_NOT_ACTIVE', field);
  return cadre;
}

export function requireAgency(agency: AgencyFact | null, field: string): AgencyFact {
  if (agency === null) return fail('AGENCY_NOT_FOUND', field);
  return agency;
}

