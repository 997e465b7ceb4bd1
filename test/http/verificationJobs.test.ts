import { sql } from 'kysely';
import t from 'tap';
import { TokenStore } from '../../src/auth/TokenStore.js';
import { sealCommitted } from '../../src/ledger/postgres/sealCommitted.js';
import { openTestApp } from '../helpers/testApp.js';
import { settle } from '../helpers/settle.js';
import { testEvent } from '../helpers/testLedger.js';

// The dashboard's full verification runs as a job; its answer names what broke, a stored tree node included.
t.test('a verification job names a changed tree node', async (t) => {
  const { app, store, ledger, database, close } = await openTestApp();
  t.teardown(close);
  const admin = { authorization: `Bearer ${(await new TokenStore(database).create({ role: 'admin' })).token}` };
  for (let i = 0; i < 20; i++) await store.appendToStream(`s-${i % 3}`, [testEvent('VisitLogged', { i })]);
  await settle(store);
  await sealCommitted(database, ledger.sealer);
  await ledger.sealer.checkpoint();

  const run = async () => {
    const started = await app.inject({ method: 'POST', url: '/v1/ledger/verifications', headers: admin });
    t.equal(started.statusCode, 202);
    const id = (started.json() as { id: string }).id;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      const body = (await app.inject({ method: 'GET', url: `/v1/ledger/verifications/${id}`, headers: admin })).json() as { state: string };
      if (body.state !== 'running') return body as { state: string; ok?: boolean; failure?: { kind: string; node?: unknown; message: string } };
    }
    throw new Error('the verification did not end');
  };
  t.match(await run(), { state: 'done', ok: true }, 'sound before');
  // As an attacker with the database would (the immutability triggers skipped for this session).
  await database.withOwner(async (db) => {
    await sql.raw('SET session_replication_role = replica').execute(db);
    try {
      await sql.raw(`UPDATE ledger_nodes SET hash = decode(repeat('22', 32), 'hex') WHERE level = 4 AND idx = 0`).execute(db);
    } finally {
      await sql.raw('SET session_replication_role = origin').execute(db);
    }
  });
  const failed = await run();
  t.equal(failed.state, 'done');
  t.equal(failed.ok, false);
  t.same(failed.failure?.node, { level: 4, index: '0' });
  t.equal(failed.failure?.kind, 'node');
  t.match(failed.failure?.message, /level 4, index 0 \(leaf indices 0 to 15\)/);
});
