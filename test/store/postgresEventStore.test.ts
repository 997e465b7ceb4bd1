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

t.test(`PostgresEventStore on ${databaseKind} stores metadata with its members in code-unit order (the verifier reads the actor off that shape)`, async (t) => {
  const database = await openTestDatabase();
  const store = new PostgresEventStore(database);
  t.teardown(async () => {
    await store.close();
    await database.close();
  });
  await store.appendToStream('m-1', [{
    eventId: '6f1c1a52-7d0e-4d43-9a57-2b8e1f0c9a11', type: 'Noted', schemaVersion: 1, data: {}, occurredAt: new Date('2025-07-01T00:00:00.000Z'),
    metadata: { role: 'cadre', requestId: 'r-1', actor: 'cán bộ 7', correlationId: null, causationId: 'c-1' },
  }]);
  const { rows } = await sql<{ metadata: string }>`SELECT metadata FROM events WHERE stream_id = 'm-1'`.execute(database.db);
  t.equal(rows[0]!.metadata, '{"actor":"cán bộ 7","causationId":"c-1","correlationId":null,"requestId":"r-1","role":"cadre"}');
  const [event] = await store.readStream('m-1');
  t.same(event!.metadata, { actor: 'cán bộ 7', role: 'cadre', requestId: 'r-1', correlationId: null, causationId: 'c-1' });
});
