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
