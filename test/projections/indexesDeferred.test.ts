import { sql } from 'kysely';
import t from 'tap';
import { withIndexesDeferred } from '../../src/projections/indexesDeferred.js';
import { openTestDatabase } from '../helpers/testDatabase.js';

const indexesOf = async (db: Parameters<typeof withIndexesDeferred>[0], table: string) =>
  (await sql<{ name: string }>`SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                               WHERE i.indrelid = ${table}::regclass ORDER BY 1`.execute(db)).rows.map((r) => r.name);

t.test('secondary indexes are dropped while the table fills and built again after; the key stays', async (t) => {
  const database = await openTestDatabase();
  t.teardown(() => database.close());
  const db = database.db;
  await sql`CREATE TABLE filled (id integer PRIMARY KEY, code text UNIQUE, day date, n integer)`.execute(db);
  await sql`CREATE INDEX filled_day ON filled (day)`.execute(db);
  await sql`CREATE INDEX filled_year ON filled ((extract(year FROM day)::int), n) WHERE n > 0`.execute(db);
  const all = await indexesOf(db, 'filled');
  t.same(all, ['filled_code_key', 'filled_day', 'filled_pkey', 'filled_year']);

  const during = await db.transaction().execute((trx) => withIndexesDeferred(trx, 'filled', async () => {
    await sql`INSERT INTO filled SELECT g, 'c' || g, date '2024-01-01' + g, g % 3 FROM generate_series(1, 500) AS g`.execute(trx);
    return indexesOf(trx, 'filled');
  }));
  t.same(during, ['filled_code_key', 'filled_pkey'], 'while filling: the primary key and the unique index only');
  t.same(await indexesOf(db, 'filled'), all, 'after: every index again');
  const plan = await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    return (await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT * FROM filled WHERE extract(year FROM day)::int = 2025 AND n > 1`.execute(trx)).rows;
  });
  t.match(plan.map((r) => r['QUERY PLAN']).join('\n'), /filled_year/, 'the partial expression index came back as it was (the planner uses it)');

  await t.rejects(db.transaction().execute((trx) => withIndexesDeferred(trx, 'filled', async () => {
    throw new Error('fill failed');
  })), /fill failed/);
  t.same(await indexesOf(db, 'filled'), all, 'a failed fill leaves the indexes as they were (the transaction rolled back)');
});
