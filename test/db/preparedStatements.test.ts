import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import { TokenStore } from '../../src/auth/TokenStore.js';
import t from 'tap';
import { preparedStatement, preparedStatementName } from '../../src/db/preparedStatements.js';
import { canonicalize } from '../../src/ledger/jcs.js';
import { PostgresEventStore } from '../../src/store/postgres/PostgresEventStore.js';
import { databaseKind, openTestDatabase } from '../helpers/testDatabase.js';

const REGISTERED = preparedStatement('SELECT $1::integer + 1 AS n /* prepared-statements test */');
const UNREGISTERED = 'SELECT $1::integer + 2 AS n /* prepared-statements test */';

t.test('registered texts run as named statements, prepared once per connection; others stay unnamed', { skip: databaseKind !== 'postgres' && 'PGlite runs every statement as given' }, async (t) => {
  const database = await openTestDatabase({ poolSize: 1 }); // one connection: the one asked below
  t.teardown(() => database.close());
  const db = database.db;
  for (let i = 0; i < 3; i++) {
    t.same((await db.executeQuery<{ n: number }>(CompiledQuery.raw(REGISTERED, [i]))).rows, [{ n: i + 1 }]);
    t.same((await db.executeQuery<{ n: number }>(CompiledQuery.raw(UNREGISTERED, [i]))).rows, [{ n: i + 2 }]);
  }
  // A subscription's page without a types filter is one of them.
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  t.teardown(() => store.close());
  await store.readAll({ limit: 10 });
  await store.readAll({ limit: 10, types: ['VisitLogged'] });
  // So are an append and the token lookup every request makes.
  await store.appendToStream('prepared-statements-test', [{
    eventId: randomUUID(), type: 'VisitLogged', schemaVersion: 1, data: { n: 1 },
    metadata: { actor: 'test', role: 'admin', correlationId: null, causationId: null, requestId: null }, occurredAt: new Date(),
  }]);
  const tokens = new TokenStore(database);
  const { token } = await tokens.create({ role: 'admin', label: 'prepared-statements test' });
  t.equal((await tokens.actorFor(token))?.role, 'admin');
  const prepared = await sql<{ name: string; statement: string }>`
    SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'diaban\\_%'`.execute(db);
  const names = prepared.rows.map((r) => r.name);
  t.ok(names.includes(preparedStatementName(REGISTERED)!), 'the registered statement is prepared');
  t.equal(prepared.rows.find((r) => r.name === preparedStatementName(REGISTERED))?.statement, REGISTERED);
  t.notOk(prepared.rows.some((r) => r.statement === UNREGISTERED), 'the other one is not');
  t.equal(prepared.rows.filter((r) => r.statement.includes('FROM events e, horizon h')).length, 1, 'readAll without types, not with');
  t.equal(preparedStatementName(UNREGISTERED), undefined);
  t.equal(prepared.rows.filter((r) => r.statement.includes('append_to_stream(')).length, 1, 'the append');
  t.equal(prepared.rows.filter((r) => r.statement.includes('"api_tokens"') && r.statement.includes('"token_hash" =')).length, 1, 'the token lookup');
});
