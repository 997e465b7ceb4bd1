import type { SchemaNames } from '../identifiers.js';

/** A forward-only migration, rendered with the schema and role names, run once as the owner. */
export interface Migration {
  /** Sorted lexically; never renamed once released. */
  readonly id: string;
  readonly up: (names: SchemaNames) => string;
}
