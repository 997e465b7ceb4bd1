import { z } from 'zod';
import { decisionRef, isoDate, text, unitCode, unitLevel } from './common.js';

/**
 * Administrative units, one stream per unit code (`unit-<code>`). Every change carries the date it
 * takes effect: the first day of the new state, as decisions say "có hiệu lực từ ngày …".
 */

export const UnitEstablished = z.object({
  code: unitCode,
  /** Full official name including the unit word, e.g. "Xã Bát Xát", "Thôn Nậm Pồ". */
  name: text(200),
  /** The Vietnamese unit type, e.g. "Xã", "Phường", "Đặc khu tại hải đảo", "Thôn", "Tổ dân phố". */
  type: text(100),
  level: unitLevel,
  /** Null for a province only. */
  parentCode: unitCode.nullable(),
  effectiveDate: isoDate,
  decisionRef: decisionRef.optional(),
}).strict();
export type UnitEstablished = z.infer<typeof UnitEstablished>;

export const UnitRenamed = z.object({
  code: unitCode,
  name: text(200),
  /** Set when the type changes with the name (a thị trấn becoming a xã). */
  type: text(100).optional(),
  effectiveDate: isoDate,
  decisionRef: decisionRef.optional(),
}).strict();
export type UnitRenamed = z.infer<typeof UnitRenamed>;

export const UnitReparented = z.object({
  code: unitCode,
  parentCode: unitCode,
  previousParentCode: unitCode.nullable(),
  effectiveDate: isoDate,
  decisionRef: decisionRef.optional(),
}).strict();
export type UnitReparented = z.infer<typeof UnitReparented>;

/**
 * Recorded in the stream of the unit merged into. `full`: each from-unit went wholly into
 * `intoCode`; `partial`: each from-unit was split and only part of it went here (merges-2025.csv
 * merge_type). `fromCodes` may contain `intoCode` itself when the new unit keeps an old code.
 * From-units do not cease by this event: each one that ceased gets its own UnitDissolved.
 */
export const UnitsMerged = z.object({
  fromCodes: z.array(unitCode).min(1).refine((codes) => new Set(codes).size === codes.length, { message: 'codes repeat' }),
  intoCode: unitCode,
  mergeType: z.enum(['full', 'partial']),
  effectiveDate: isoDate,
  decisionRef,
}).strict();
export type UnitsMerged = z.infer<typeof UnitsMerged>;

export const dissolutionReason = z.enum(['merged', 'split', 'abolished']);

/**
 * The unit ceases on `effectiveDate`. `merged`/`split` name the units that took it over;
 * `abolished` is for a level that disappeared (districts on 1/7/2025, domain-notes §6).
 */
export const UnitDissolved = z.object({
  code: unitCode,
  reason: dissolutionReason,
  successorCodes: z.array(unitCode),
  effectiveDate: isoDate,
  decisionRef,
}).strict();
export type UnitDissolved = z.infer<typeof UnitDissolved>;
