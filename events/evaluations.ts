import { z } from 'zod';
import { rating, reason, text, unitCode, uuid, year } from './common.js';

/**
 * Yearly evaluations, one stream per evaluating committee and year:
 * `evaluations-<committeeUnitCode>-<year>`. A commune committee evaluates the cadres who followed
 * it; a superior committee rates its communes. Four levels of 124-QĐ/TW / 366-QĐ/TW (domain-notes §5b).
 */

export const CadreEvaluated = z.object({
  evaluationId: uuid,
  committeeUnitCode: unitCode,
  cadreId: uuid,
  year,
  rating,
  comments: text(10000),
}).strict();
export type CadreEvaluated = z.infer<typeof CadreEvaluated>;

export const CadreEvaluationAmended = z.object({
  evaluationId: uuid,
  reason,
  rating: rating.optional(),
  comments: text(10000).optional(),
}).strict().refine((event) => event.rating !== undefined || event.comments !== undefined, { message: 'nothing amended' });
export type CadreEvaluationAmended = z.infer<typeof CadreEvaluationAmended>;

export const UnitRated = z.object({
  committeeUnitCode: unitCode,
  unitCode,
  year,
  rating,
  comments: text(10000).optional(),
}).strict();
export type UnitRated = z.infer<typeof UnitRated>;
