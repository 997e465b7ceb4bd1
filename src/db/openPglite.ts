import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Logger } from '../logger.js';
import type { Database } from './Database.js';
import { lockDataDir } from './dataDirLock.js';
import { migrate, type OwnerSession } from './migrate.js';
import type { SchemaNames } from './identifiers.js';

export interface PgliteOptions extends SchemaNames {
  /** A directory, or undefined for an in-memory database (tests). */
  dataDir?: string;
  /** Start from a dump made by `dumpPgliteTemplate` (skips initdb, ~2 s instead of ~5 s). */
  loadDataDir?: Blob;
  log?: Logger;
}

/**
 * PGlite is one PostgreSQL session: migrations run as its superuser, then the session switches to
 * the app role for good. `withOwner` switches back for the duration of one callback, holding the
 * session (kysely-pglite-dialect queues every other query meanwhile).
 */
export async function openPglite(opts: PgliteOptions): Promise<Database> {
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
    await migrate(ownerSession(pglite), { schema: opts.schema, appRole: opts.appRole }, opts.log);
    await pglite.exec(`SET search_path TO ${opts.schema}; SET ROLE ${opts.appRole};`);
  } catch (err) {
    unlock();
    throw err;
  }
  const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) });

  return {
    kind: 'pglite',
    schema: opts.schema,
    appRole: opts.appRole,
    db,
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, onNotify);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    async withOwner(fn) {
      return db.connection().execute(async (conn) => {
        await sql`RESET ROLE`.execute(conn);
        try {
          return await fn(conn);
        } finally {
          await sql.raw(`SET ROLE ${opts.appRole}`).execute(conn);
        }
      });
    },
    async close() {
      try {
        await db.destroy();
      } finally {
        unlock();
      }
    },
  };
}

/** A migrated, empty in-memory database as a tarball, for tests that need many fresh databases. */
export async function dumpPgliteTemplate(names: SchemaNames): Promise<Blob> {
  const pglite = await PGlite.create();
  try {
    await migrate(ownerSession(pglite), names);
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

function ownerSession(pglite: PGlite): OwnerSession {
  return {
    exec: async (text) => {
      await pglite.exec(text);
    },
    query: async <R>(text: string, params?: unknown[]) => (await pglite.query<R>(text, params)).rows,
  };
}
