import fc from 'fast-check';
import { canonicalize } from '../../src/ledger/jcs.js';

// JSON values with what RFC 8785 refuses or spells in one way only, for the tests that hold a
// shortcut of the ledger (a canonical-text check, a spliced leaf) to canonicalize.

/** Strings with what RFC 8785 refuses or escapes: lone and paired surrogates, controls, quotes. */
export const edgyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\ud800', 'a\udfffb', '😀', '\u0000', '"\\', '\u2028', 'Bát Xát', '10', '9', '__proto__', ''),
);

/** Numbers with the ones the ledger refuses (beyond 2^53 − 1) and -0. */
export const edgyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 2 ** 53, -(2 ** 53), 2 ** 53 - 1, 1e21, 0.1, 5e-324),
);

export const edgyJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, edgyString, edgyNumber, fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(edgyString, tie('value'), { maxKeys: 4 }),
})).value;

/** How a store might have spelled the value: canonical, in its own key order, or with spaces. */
export function spellings(value: unknown): string[] {
  const texts = [JSON.stringify(value), JSON.stringify(value, null, 1)];
  try {
    texts.push(canonicalize(value));
  } catch {
    // not representable: only the other spellings
  }
  return texts;
}
