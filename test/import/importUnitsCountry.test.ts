import t from 'tap';
import { importUnits } from '#src/import/importUnits.js';
import { readUnitData } from '#src/import/unitData.js';
import { canonicalize } from '#src/ledger/jcs.js';
import { PostgresEventStore } from '#src/store/postgres/PostgresEventStore.js';
import { databaseKind, openTestDatabase } from '../helpers/testDatabase.js';
import { activeCounts, unitStates } from './unitCensus.js';
import { settle } from '../helpers/settle.js';

// The whole country takes about a minute on PostgreSQL and several on PGlite (one connection, no
// concurrency), so it runs on PostgreSQL only; importUnits.test.ts covers both with a few provinces.
t.test('import-units: the whole country on PostgreSQL', { skip: databaseKind === 'postgres' ? false : 'PostgreSQL only (DATABASE_URL)' }, async (t) => {
  const database = await openTestDatabase();
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  t.teardown(async () => {
    await store.close();
    await database.close();
  });
  const data = await readUnitData();
  const count = (rows: typeof data.units2024, level: string) => rows.filter((row) => row.level === level).length;
  // 1. The CSVs themselves: 63 → 34 provinces, 10,035 → 3,321 communes (SOURCE.md, domain-notes §6).
  t.same([count(data.units2024, 'province'), count(data.units2024, 'district'), count(data.units2024, 'commune')], [63, 696, 10_035]);
  t.same([count(data.units2025, 'province'), count(data.units2025, 'commune')], [34, 3_321]);

  // 2. The import, then the unit streams as of the day before and the day of the reform.
  const first = await importUnits({ store, now: () => new Date(), concurrency: 8 });
  t.comment(`whole country: ${first.milliseconds} ms`);
  const states = await unitStates(store);
  t.same(activeCounts(states, '2025-06-30'), { province: 63, district: 696, commune: 10_035 });
  t.same(activeCounts(states, '2025-07-01'), { province: 34, commune: 3_321 });

  // 3. Again: nothing appended.
  await settle(store);
  const head = await store.headPosition();
  const second = await importUnits({ store, now: () => new Date(), concurrency: 8 });
  t.same(second.phases.map((phase) => phase.appended), [{}, {}]);
  await settle(store);
  t.equal(await store.headPosition(), head);
});
