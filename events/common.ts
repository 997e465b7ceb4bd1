import { z } from 'zod';

/**
 * Field schemas shared by every event family. Event data carry domain facts only: the envelope
 * (event id, recorded time, actor, request and correlation ids) belongs to the store.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2025-02-29, 2025-13-01). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A calendar date `YYYY-MM-DD`. Strings of this shape compare correctly with `<`. */
export const isoDate = z.string().refine(isCalendarDate, { message: 'expected a real calendar date YYYY-MM-DD' });
export type IsoDate = z.infer<typeof isoDate>;

/** A month `YYYY-MM`, the key of a monthly plan. */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

/** A calendar year; the system records events from the founding of the state onwards. */
export const year = z.int().min(1945).max(9999);

export const uuid = z.uuid();

/**
 * Administrative unit codes are strings of digits, leading zeros kept (GSO/NSO codes, see
 * shared/data/vn-admin-units/SOURCE.md): 2 digits for a province, 3 for a district, 5 for a
 * commune. Hamlets and residents' groups have no national code; diaban gives them the code of
 * the unit they were established under followed by a 3-digit sequence: 8 digits under a commune,
 * 11 under a hamlet (a self-managed group under an ấp). The prefix is where the unit was
 * established; it does not change when the unit is later reparented.
 */
export const unitCode = z.string().regex(/^(\d{2}|\d{3}|\d{5}|\d{8}|\d{11})$/, 'expected a unit code of 2, 3, 5, 8 or 11 digits');

export const unitLevel = z.enum(['province', 'district', 'commune', 'hamlet', 'residents-group']);
export type UnitLevel = z.infer<typeof unitLevel>;

/** The levels a cadre can belong to (the 2025 reform removed districts for new cadres, not history). */
export const cadreLevel = z.enum(['province', 'district', 'commune']);
export type CadreLevel = z.infer<typeof cadreLevel>;

/** Bounded, trimmed, non-empty text. */
export function text(max: number) {
  return z.string().trim().min(1).max(max);
}

/** A decision's reference as printed on it, e.g. "19-QĐ/TU", "1673/NQ-UBTVQH15", "718-QĐ/TU". */
export const decisionRef = text(100);

/** A reason a person gives for an override, an amendment, a dispute, a rejection. */
export const reason = text(2000);

/**
 * A party-congress term "2020-2025". Terms last five years (Hòa Bình 26-QĐ/TU: an assignment lasts
 * one congress term, domain-notes §2).
 */
export const congressTerm = z.string().regex(/^\d{4}-\d{4}$/, 'expected YYYY-YYYY').refine(
  (term) => Number(term.slice(5)) - Number(term.slice(0, 4)) === 5,
  { message: 'a congress term lasts five years' },
);

/**
 * A personal value kept out of the event: the hex SHA-256 commitment the ledger computes over it.
 * The plain value lives in the ledger's side table and can be erased without breaking the chain.
 */
export const commitment = z.object({ commitment: z.string().regex(/^[0-9a-f]{64}$/, 'expected hex SHA-256') }).strict();
export type Commitment = z.infer<typeof commitment>;

/** The four levels of 132-QĐ/TW, 124-QĐ/TW and 366-QĐ/TW (domain-notes §5b). */
export const rating = z.enum(['excellent', 'good', 'completed', 'not-completed']);
export type Rating = z.infer<typeof rating>;
