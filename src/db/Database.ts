import type { Kysely } from 'kysely';

export type DatabaseKind = 'postgres' | 'pglite';

/**
 * An open database: kysely running as the app role (SELECT/INSERT only on the append-only tables),
 * LISTEN for notifications, and an owner session for migrations and for tests that must bypass the
 * app role. Nothing above src/db and the store adapters sees pg or PGlite types.
 */
export interface Database {
  readonly kind: DatabaseKind;
  readonly schema: string;
  readonly appRole: string;
  // Tables are typed where they are queried (each module declares the rows it reads).
  readonly db: Kysely<any>;
  /** Subscribe to a NOTIFY channel; resolves once listening. Returns the unlisten function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Runs `fn` as the schema owner (the session user), outside the app role. */
  withOwner<T>(fn: (db: Kysely<any>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
