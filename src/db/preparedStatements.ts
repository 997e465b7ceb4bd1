import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Statements the app runs many times a second with the same text (a live sealer's batch, a
 * subscription's next page) go to PostgreSQL as named prepared statements: parsed and planned once
 * per connection instead of on every call. Measured under single-event appends with the sealer
 * running: parsing and planning its two statements cost the database ~1.5 ms each a batch, about as
 * much as executing the read of the batch.
 *
 * Opt-in by text, for statements whose generic plan is the plan (keyed scans with the parameters
 * as bounds): a statement whose best plan depends on its parameters (a filter that an index serves
 * for some values) stays unnamed and is planned per call. Names come from the text, so two modules
 * cannot claim one name for different statements. PGlite runs every statement as given.
 */
const names = new Map<string, string>();

/** Registers `text` as a statement to prepare once per connection; returns the text unchanged. */
export function preparedStatement(text: string): string {
  names.set(text, `diaban_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
  return text;
}

/** The prepared statement name of `text`, or undefined when it is not registered. */
export function preparedStatementName(text: string): string | undefined {
  return names.get(text);
}

/**
 * Makes a pg client send registered texts as named statements. Kysely's driver calls
 * `client.query(text, values)`; every other form of call goes through untouched.
 */
export function prepareRegisteredStatements(client: pg.Client): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const named = ((...args: unknown[]) => {
    const [text, values] = args;
    const name = args.length === 2 && typeof text === 'string' && Array.isArray(values) ? names.get(text) : undefined;
    return name ? query({ name, text, values }) : query(...args);
  }) as unknown as pg.Client['query'];
  client.query = named;
}
