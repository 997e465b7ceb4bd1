import pg from 'pg';
import t from 'tap';
import { unitStream } from '#events/streams.js';
import type { Actor } from '#src/domain/actor.js';
import { establishUnit, renameUnit } from '#src/commands/unit/index.js';
import { UnitStreamCache } from '#src/import/unitStreamCache.js';
import { canonicalize } from '#src/ledger/jcs.js';
import { PostgresEventStore } from '#src/store/postgres/PostgresEventStore.js';
import { databaseKind, openTestDatabase } from '../helpers/testDatabase.js';

const actor: Actor = { userId: 'import-units', role: 'system' };
const now = () => new Date('2025-08-01T03:00:00Z');
const province = { code: '40', name: 'Tỉnh Nghệ An', type: 'Tỉnh', level: 'province', parentCode: null, effectiveDate: '2024-01-01' } as const;
const rename = (name: string, effectiveDate: string) => ({ code: '40', name, type: 'Tỉnh', effectiveDate });

t.test(`UnitStreamCache on ${databaseKind}`, async (t) => {
  const database = await openTestDatabase();
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  t.teardown(async () => {
    await store.close();
    await database.close();
  });
  await establishUnit({ store, now }, province, actor);
  const cache = await UnitStreamCache.preload(store);

  // 1. Preloaded and appended events are served from memory, as loadStream reads them.
  t.same((await cache.readStream(unitStream('40'))).map((e) => e.type), ['UnitEstablished']);
  await renameUnit({ store: cache, now }, rename('Tỉnh Nghệ An A', '2024-06-01'), actor);
  t.same((await cache.readStream(unitStream('40'), { fromVersion: 2n })).map((e) => [e.type, e.streamVersion]), [['UnitRenamed', 2n]]);

  // 2. Another writer appends behind the cache's back: the next command's append conflicts, the
  //    stream is dropped from memory, and the handler's retry decides on the stored stream.
  await renameUnit({ store, now }, rename('Tỉnh Nghệ An B', '2024-09-01'), actor);
  const result = await renameUnit({ store: cache, now }, rename('Tỉnh Nghệ An B', '2024-09-01'), actor);
  t.same(result.events, [], 'the rename the other writer made is seen on retry: nothing appended');
  t.equal(result.version, 3n);
  t.equal((await cache.readStream(unitStream('40'))).length, 3, 'read from the database from then on');
});

// A transaction left open elsewhere in the cluster hides newer commits from readAll (README
// "Ordering guarantee"). A unit established just before the run must not be missing from memory:
// the preload waits for the head, and past its wait reads every stream from the database.
// PGlite has one connection, so nothing else can hold a transaction open there.
t.test('UnitStreamCache: a unit committed behind an open transaction is not missed', { skip: databaseKind !== 'postgres' && 'needs a second connection (PostgreSQL)' }, async (t) => {
  const database = await openTestDatabase();
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await blocker.connect();
  t.teardown(async () => {
    await blocker.end();
    await store.close();
    await database.close();
  });
  await blocker.query('BEGIN');
  await blocker.query('SELECT pg_current_xact_id()');
  await establishUnit({ store, now }, province, actor);
  t.ok((await store.headPosition()) < (await store.committedPosition()), 'the unit is committed, and hidden from readers');

  // 1. The wait runs out: memory is not trusted, the stream is read from the database.
  const impatient = await UnitStreamCache.preload(store, 100);
  t.same((await impatient.readStream(unitStream('40'))).map((e) => e.type), ['UnitEstablished']);
  const renamed = await renameUnit({ store: impatient, now }, rename('Tỉnh Nghệ An A', '2024-06-01'), actor);
  t.equal(renamed.version, 2n, 'the rename is decided on the stored unit');

  // 2. The horizon moves during the wait: the preload sees both events.
  const patient = UnitStreamCache.preload(store, 30_000);
  await new Promise((ok) => setTimeout(ok, 100));
  await blocker.query('COMMIT');
  const cache = await patient;
  t.same((await cache.readStream(unitStream('40'))).map((e) => [e.type, e.streamVersion]), [['UnitEstablished', 1n], ['UnitRenamed', 2n]]);
});
