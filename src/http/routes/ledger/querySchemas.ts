import { z } from 'zod';

/** PostgreSQL bigint: positions and tree sizes never exceed it. Zod 4 runs refinements after a failed regex too, hence the guards. */
const INT63_MAX = (1n << 63n) - 1n;

/**
 * Positions and tree sizes travel as decimal strings (64-bit; JSON numbers would lose precision
 * past 2^53) and become bigint in the handler, never a JavaScript number.
 */
export const DecimalText = z
  .string()
  .regex(/^\d+$/, 'a decimal integer')
  .refine((s) => !/^\d+$/.test(s) || BigInt(s) <= INT63_MAX, 'at most 2^63 − 1');

export const PositionList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'comma-separated decimal positions')
  .refine((s) => s.split(',').length <= 1000, 'at most 1000 positions')
  .refine((s) => s.split(',').every((p) => !/^\d+$/.test(p) || BigInt(p) <= INT63_MAX), 'at most 2^63 − 1');

export const Base64Hash = z.string().describe('base64 (RFC 4648 §4) of a 32-byte SHA-256 hash');

export const TEXT_PLAIN = 'text/plain; charset=utf-8';
