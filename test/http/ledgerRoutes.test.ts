import t from 'tap';
import { TokenStore } from '../../src/auth/TokenStore.js';
import { openCheckpoint } from '../../src/ledger/checkpoint.js';
import { decodeBase64 } from '../../src/ledger/encoding.js';
import { leafHash } from '../../src/ledger/hashes.js';
import { parseLeafBytes } from '../../src/ledger/leafEnvelope.js';
import { noteVerifier } from '../../src/ledger/signedNote.js';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/verifyProofs.js';
import { openTestApp } from '../helpers/testApp.js';
import { settle } from '../helpers/settle.js';
import { testEvent } from '../helpers/testLedger.js';

const bytes = (b64: string): Uint8Array => decodeBase64(b64) as Uint8Array;

t.test('ledger routes: auth, checkpoints, leaves, proofs that verify against the served checkpoint', async (t) => {
  const { app, store, ledger, database, close } = await openTestApp();
  t.teardown(close);
  const tokens = new TokenStore(database);
  const viewer = { authorization: `Bearer ${(await tokens.create({ role: 'viewer' })).token}` };
  const admin = { authorization: `Bearer ${(await tokens.create({ role: 'admin' })).token}` };
  const get = (url: string, headers = viewer) => app.inject({ method: 'GET', url, headers });

  // 1. Without a token every ledger route answers 401.
  for (const url of ['/v1/ledger/checkpoint', '/v1/ledger/vkey', '/v1/ledger/leaves/1', '/v1/ledger/checkpoints']) {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 401, url);
    t.equal(res.json().code, 'UNAUTHENTICATED');
  }

  // 2. The first checkpoint is signed on demand when none exists yet.
  for (let i = 0; i < 5; i++) await store.appendToStream(`s-${i % 2}`, [testEvent('VisitLogged', { i })]);
  // Sealing reads what readers see, which another test file's open transaction can hold back.
  await settle(store);
  const first = await get('/v1/ledger/checkpoint');
  t.equal(first.statusCode, 200);
  t.match(first.headers['content-type'], /^text\/plain; charset=utf-8/);
  const vkey = (await get('/v1/ledger/vkey')).body.trim();
  t.equal(vkey, ledger.key.vkey);
  const cp5 = openCheckpoint(first.body, noteVerifier(vkey)).checkpoint;
  t.equal(cp5.size, 5n);

  // 3. Admin-only on-demand checkpoint after more events.
  for (let i = 5; i < 12; i++) await store.appendToStream(`s-${i % 3}`, [testEvent('VisitLogged', { i })]);
  await settle(store);
  t.equal((await app.inject({ method: 'POST', url: '/v1/ledger/checkpoint', headers: viewer })).json().code, 'FORBIDDEN');
  const posted = await app.inject({ method: 'POST', url: '/v1/ledger/checkpoint', headers: admin });
  t.equal(posted.statusCode, 200);
  const cp12 = openCheckpoint(posted.body, noteVerifier(vkey)).checkpoint;
  t.equal(cp12.size, 12n);
  t.equal((await get('/v1/ledger/checkpoint')).body, posted.body, 'the latest is served');

  const list = await get('/v1/ledger/checkpoints?fromSize=1&limit=10');
  t.equal(list.statusCode, 200);
  t.same(list.json().checkpoints.map((c: { treeSize: string }) => c.treeSize), ['5', '12']);

  // 4. Leaves and inclusion proofs verify against the served checkpoint's root.
  const leaf = (await get('/v1/ledger/leaves/7')).json();
  t.same([leaf.position, leaf.leafIndex], ['7', '6']);
  t.equal(parseLeafBytes(bytes(leaf.leafBytes)).position, '7');
  t.same(leafHash(bytes(leaf.leafBytes)), bytes(leaf.leafHash));
  for (const position of [1, 7, 12]) {
    const p = (await get(`/v1/ledger/proofs/inclusion?position=${position}&treeSize=12`)).json();
    t.ok(verifyInclusion(BigInt(p.leafIndex), 12n, bytes(p.leafHash), p.proof.map(bytes), cp12.rootHash), `inclusion of ${position}`);
  }
  const c = (await get('/v1/ledger/proofs/consistency?from=5&to=12')).json();
  t.same([c.from, c.to], ['5', '12']);
  t.ok(verifyConsistency(5n, 12n, c.proof.map(bytes), cp5.rootHash, cp12.rootHash));

  // 5. Bad queries name their field; out of range is 404 with a code.
  const bad: [string, number, string, string?][] = [
    ['/v1/ledger/proofs/inclusion?position=x&treeSize=3', 400, 'VALIDATION_FAILED', 'querystring.position'],
    ['/v1/ledger/proofs/inclusion?position=1', 400, 'VALIDATION_FAILED', 'querystring.treeSize'],
    ['/v1/ledger/proofs/consistency?from=-1&to=3', 400, 'VALIDATION_FAILED', 'querystring.from'],
    ['/v1/ledger/proofs/consistency?from=9&to=3', 400, 'LEDGER_INVALID_TREE_ARGUMENT', 'querystring.from'],
    ['/v1/ledger/checkpoints?fromSize=1.5', 400, 'VALIDATION_FAILED', 'querystring.fromSize'],
    ['/v1/ledger/leaves/abc', 400, 'VALIDATION_FAILED', 'params.position'],
    ['/v1/ledger/leaves/99999999999999999999', 400, 'VALIDATION_FAILED', 'params.position'],
    ['/v1/ledger/bundle?positions=1,,2', 400, 'VALIDATION_FAILED', 'querystring.positions'],
    ['/v1/ledger/leaves/99', 404, 'LEDGER_OUT_OF_RANGE', 'position'],
    ['/v1/ledger/proofs/inclusion?position=3&treeSize=40', 404, 'LEDGER_OUT_OF_RANGE', 'treeSize'],
    ['/v1/ledger/proofs/consistency?from=3&to=40', 404, 'LEDGER_OUT_OF_RANGE', 'to'],
    ['/v1/ledger/bundle?positions=1,99', 404, 'LEDGER_OUT_OF_RANGE', 'positions'],
  ];
  for (const [url, status, code, field] of bad) {
    const res = await get(url);
    t.equal(res.statusCode, status, url);
    t.equal(res.json().code, code, url);
    if (field) t.equal(res.json().field, field, url);
  }

  // 6. A bundle names the latest checkpoint; the docs list the ledger routes.
  const bundle = (await get('/v1/ledger/bundle?positions=3,1&fromSize=5')).json();
  t.same(bundle.leaves.map((l: { position: string }) => l.position), ['1', '3']);
  t.equal(bundle.checkpoint, posted.body);
  t.ok(bundle.consistency);
  const docs = (await get('/docs/json')).json();
  t.ok(docs.paths['/v1/ledger/proofs/inclusion'], 'documented in OpenAPI');
});
