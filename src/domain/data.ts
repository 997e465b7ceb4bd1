import { isDeepStrictEqual } from 'node:util';

/**
 * Drops keys whose value is undefined, so that an event built from a command with an absent
 * optional field equals the same event read back from JSON.
 */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** Same fields and values, ignoring absent optional fields: how a repeated import is recognised. */
export function sameData(a: object, b: object): boolean {
  return isDeepStrictEqual(definedOnly(a), definedOnly(b));
}
