import { z } from 'zod';
import { isoDate, unitCode } from '#events/common.js';
import { DecimalText } from '../ledger/querySchemas.js';

/** Query-string pieces the read-model routes share (every query route file may use them). */
export const Paging = {
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

/** Read-your-writes: the `position` a command answered with (decimal, 64-bit). */
export const MinPosition = { minPosition: DecimalText.optional() };

export const AtDate = isoDate.describe('YYYY-MM-DD; default today in Vietnam');
export const UnitCodeParam = unitCode;
export const ProvinceCode = z.string().regex(/^\d{2}$/, 'expected a 2-digit province code');

/** `true`/`false` in a query string (z.coerce.boolean would read "false" as true). */
export const QueryFlag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');
