/**
 * Schema and role names are spliced into DDL (identifiers cannot be bound as parameters), so they are
 * checked against a strict pattern here (lower-case letters, digits, underscore: no quoting needed).
 */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}$/;

export function assertIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`${what} "${name}" is not a lower-case SQL identifier`);
  return name;
}

/** The names every migration is rendered with. */
export interface SchemaNames {
  /** PostgreSQL schema holding every diaban table (`diaban` by default, a random one per test). */
  schema: string;
  /** Role the app runs as: SELECT and INSERT only on the append-only tables. */
  appRole: string;
}

/** NOTIFY channel for new events; per schema so parallel test schemas do not wake each other. */
export function eventsChannel(names: Pick<SchemaNames, 'schema'>): string {
  return `${names.schema}_events`;
}
