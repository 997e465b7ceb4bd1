import type { IsoDate } from '#events/common.js';

/**
 * A value that changes on effective dates. Kept sorted by `from` whatever order the changes were
 * recorded in, because a backdated decision may be recorded after a later one.
 */
export interface Dated<T> {
  readonly from: IsoDate;
  readonly value: T;
}

export function insertDated<T>(list: ReadonlyArray<Dated<T>>, item: Dated<T>): ReadonlyArray<Dated<T>> {
  return [...list.filter((entry) => entry.from !== item.from), item].sort((a, b) => (a.from < b.from ? -1 : 1));
}

/** The value in effect on `date`, or undefined before the first. */
export function valueOn<T>(list: ReadonlyArray<Dated<T>>, date: IsoDate): T | undefined {
  return list.findLast((entry) => entry.from <= date)?.value;
}
