import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../src/db/Database.js';
import { openPglite } from '../../src/db/openPglite.js';
import { openPostgres } from '../../src/db/openPostgres.js';
import { pgliteTemplate } from './pgliteTemplate.js';

/**
 * A fresh database for one test: with DATABASE_URL, a new schema on that PostgreSQL server (dropped
 * afterwards); without it, an in-memory PGlite. The same tests run on both (see .ci/run).
 */
export async function openTestDatabase(options: { poolSize?: number } = {}): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const appRole = 'diaban_test_app';
  if (!url) {
    const names = { schema: 'diaban', appRole };
    return openPglite({ ...names, loadDataDir: await pgliteTemplate(names) });
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database = await openPostgres({ url, schema, appRole, poolSize: options.poolSize ?? 12 });
  const close = database.close.bind(database);
  return {
    ...database,
    listen: database.listen.bind(database),
    withOwner: database.withOwner.bind(database),
    async close() {
      await close();
      await database.withOwner((db) => sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(db));
    },
  };
}

export const databaseKind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
