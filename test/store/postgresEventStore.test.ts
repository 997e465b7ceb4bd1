import { sql } from 'kysely';
import t from 'tap';
import type { Database } from '../../src/db/Database.js';
import { PostgresEventStore } from '../../src/store/postgres/PostgresEventStore.js';
import { databaseKind, openTestDatabase } from '../helpers/testDatabase.js';
import { eventStoreContract } from './eventStoreContract.js';
import { settle } from '../helpers/settle.js';

// The contract suite on real PostgreSQL (DATABASE_URL set) or PGlite (unset); .ci/run runs both.
const databases = new WeakMap<PostgresEventStore, Database>();
const refused = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

t.test(`PostgresEventStore on ${databaseKind}`, async (t) => {
  eventStoreContract(t, {
    async open() {
      const database = await openTestDatabase();
      const store = new PostgresEventStore(database);
      databases.set(store, database);
      return {
        store,
        settle: () => settle(store),
        async close() {
          await store.close();
          await database.close();
        },
      };
    },
    async tamper(store) {
      const database = databases.get(store as PostgresEventStore)!;
      const appRoleUpdate = await refused(sql`UPDATE events SET data = '{}'`.execute(database.db));
      // As the owner the privileges allow it, so the triggers must refuse.
      return database.withOwner(async (db) => ({
        update: await refused(sql`UPDATE events SET data = '{}'`.execute(db)),
        delete: await refused(sql`DELETE FROM events`.execute(db)),
        truncate: await refused(sql`TRUNCATE events`.execute(db)),
        appRoleUpdate,
      }));
    },
  });
});
