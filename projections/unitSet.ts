import { sql, type RawBuilder } from 'kysely';

/**
 * `<column> IN <these unit codes>`, for the hundreds of units of a province or a committee's area.
 * Written as a set (`IN (SELECT unnest($1))`), not as a list (`= ANY ($1)`): the planner weighs
 * each code of a list against the column's statistics, once per scan that uses it (measured on the
 * coverage answer for a province of 433 units: 4.2 ms of planning against 1.6 ms as a set), and
 * probes a set by hash either way.
 */
export function inUnits(column: RawBuilder<unknown>, codes: readonly string[]): RawBuilder<unknown> {
  return sql`${column} IN (SELECT unnest(${[...codes]}::text[]))`;
}
