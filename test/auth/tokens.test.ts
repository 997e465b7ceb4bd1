import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { TokenStore } from '../../src/auth/TokenStore.js';
import { hashTokenSecret } from '../../src/auth/tokenSecret.js';
import { buildCli } from '../../src/cli/main.js';
import { openKit } from '../http/commandKit.js';

const agencyBody = { name: 'Ban Dân vận', kind: 'party-board', unitCode: '01' };

t.test('tokens: hashed, scoped, revocable', async (t) => {
  const kit = await openKit();
  t.teardown(() => kit.close());
  const created = await kit.tokens.create({ role: 'admin', label: 'ops' });
  t.match(created.token, /^dbn_[A-Za-z0-9_-]{43}$/);

  await t.test('only the hash is stored', async (t) => {
    const rows = await kit.database.withOwner((db) => db.selectFrom('api_tokens').selectAll().execute());
    t.equal(rows.length, 1);
    t.equal(rows[0]?.token_hash, hashTokenSecret(created.token));
    t.notOk(JSON.stringify(rows).includes(created.token.slice(4)), 'the token itself is nowhere');
  });

  await t.test('a live token passes; the same one revoked is 401', async (t) => {
    // No unit 01 yet: the command fails on the rule (404), which proves authentication passed.
    const live = await kit.post('/v1/agencies', created.token, agencyBody);
    t.equal(live.statusCode, 404);
    t.equal(await kit.tokens.revoke(created.id), true);
    t.equal(await kit.tokens.revoke(created.id), false, 'revoking twice changes nothing');
    const revoked = await kit.post('/v1/agencies', created.token, agencyBody);
    t.same([revoked.statusCode, revoked.json().code], [401, 'UNAUTHENTICATED']);
    t.match(await kit.tokens.list(), [{ id: created.id, role: 'admin', label: 'ops', revokedAt: Date }]);
  });

  await t.test('a role needs its scope', async (t) => {
    for (const role of ['cadre', 'unit-committee', 'agency', 'organizer'] as const) {
      await t.rejects(kit.tokens.create({ role }), `${role} without scope`);
    }
    await t.rejects(kit.tokens.create({ role: 'organizer', provinceCode: '1' }));
    await t.resolves(kit.tokens.create({ role: 'organizer', provinceCode: '01' }));
  });

  await t.test('malformed Authorization headers are 401', async (t) => {
    for (const authorization of ['Basic abc', 'Bearer', `Token ${created.token}`]) {
      const res = await kit.app.inject({ method: 'POST', url: '/v1/agencies', headers: { authorization }, payload: agencyBody });
      t.equal(res.statusCode, 401, authorization);
    }
  });
});

/** The CLI prints the token alone on stdout; revoking by id works; a bad role exits 2 without opening the database. */
t.test('diaban token create | list | revoke', async (t) => {
  if (process.env.DATABASE_URL) {
    t.comment('skipped: the CLI test uses a PGlite data directory');
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'diaban-cli-'));
  const saved = { dir: process.env.DIABAN_DATA_DIR, level: process.env.LOG_LEVEL, exitCode: process.exitCode };
  process.env.DIABAN_DATA_DIR = dataDir;
  process.env.LOG_LEVEL = 'silent';
  t.teardown(() => {
    process.env.DIABAN_DATA_DIR = saved.dir;
    process.env.LOG_LEVEL = saved.level;
    process.exitCode = saved.exitCode;
  });
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
    process.stdout.write = (chunk: string | Uint8Array) => out.push(String(chunk)) > 0;
    process.stderr.write = (chunk: string | Uint8Array) => err.push(String(chunk)) > 0;
    process.exitCode = 0;
    try {
      await buildCli().parseAsync(['node', 'diaban', ...args]);
    } finally {
      process.stdout.write = write.out;
      process.stderr.write = write.err;
    }
    const code = process.exitCode;
    process.exitCode = 0;
    return { stdout: out.join(''), stderr: err.join(''), code };
  };

  const create = await run('token', 'create', '--role', 'cadre', '--cadre', '6f1c2b9e-3d4a-4e5f-8a6b-7c8d9e0f1a2b', '--label', 'An');
  t.match(create.stdout, /^dbn_[A-Za-z0-9_-]{43}\n$/, 'stdout holds the token alone');
  const list = await run('token', 'list');
  const [id, role, scope, label, , state] = list.stdout.trim().split('\t');
  t.same([role, scope, label, state], ['cadre', '6f1c2b9e-3d4a-4e5f-8a6b-7c8d9e0f1a2b', 'An', 'live']);
  t.notOk(list.stdout.includes(create.stdout.trim()), 'list never shows a token');
  t.equal((await run('token', 'revoke', id ?? '')).code, 0);
  const bad = await run('token', 'create', '--role', 'system');
  t.equal(bad.code, 2);
  t.equal(bad.stdout, '');
  t.match(bad.stderr, /role/);
});
