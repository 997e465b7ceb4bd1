import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { TokenStore } from '../../src/auth/TokenStore.js';
import { buildCli } from '../../src/cli/main.js';
import { verifyBundleCommand } from '../../src/cli/commands/verifyBundle.js';
import { witnessRound } from '../../src/cli/commands/witness.js';
import { cosignatureSigner } from '../../src/ledger/cosignature.js';
import { generateNoteKey, SIG_COSIGNATURE_V1 } from '../../src/ledger/noteKeys.js';
import { parseNote, signNote } from '../../src/ledger/signedNote.js';
import { verifyWitnessPolicy } from '../../src/ledger/witnessPolicy.js';
import { WitnessRegistry } from '../../src/ledger/witness/WitnessRegistry.js';
import { openTestApp } from '../helpers/testApp.js';
import { testEvent } from '../helpers/testLedger.js';
import { rewriteHistory } from './tamper.js';
import { sealCommitted } from '../../src/ledger/postgres/sealCommitted.js';

/** Command output stays out of the TAP stream. */
const quiet = (): void => undefined;

t.test('two witnesses cosign over a real server; a 2-of-2 policy verifies the bundle; an inconsistent log is refused', async (t) => {
  const { app, store, ledger, database, close } = await openTestApp();
  t.teardown(close);
  const dir = mkdtempSync(join(tmpdir(), 'diaban-witness-'));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const tokens = new TokenStore(database);
  const token = (await tokens.create({ role: 'inspector', provinceCode: '01', label: 'inspection committee' })).token;
  const seed = async (from: number, to: number) => {
    for (let i = from; i < to; i++) await store.appendToStream(`s-${i % 3}`, [testEvent('VisitLogged', { i })]);
    // Sealed before any witness asks, whatever other transactions run in the cluster meanwhile.
    await sealCommitted(database, ledger.sealer);
  };

  // 0. `diaban witness keygen` writes the signer key (0600, never overwritten) and prints the verifier key.
  const printed: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => printed.push(chunk) > 0) as typeof process.stdout.write;
  try {
    await buildCli().parseAsync(['node', 'diaban', 'witness', 'keygen', 'committee-c', '--out', join(dir, 'c.skey')]);
  } finally {
    process.stdout.write = write;
  }
  t.match(printed.join(''), /^committee-c\+[0-9a-f]{8}\+B[A-P]/, 'a cosignature/v1 (0x04) verifier key');
  t.equal(statSync(join(dir, 'c.skey')).mode & 0o777, 0o600);
  t.match(await new WitnessRegistry(database).add('committee-c', printed.join('').trim()), { name: 'committee-c' });

  // 1. Two committees make keys; an admin registers them.
  const witnesses = ['committee-a', 'committee-b'].map((name) => {
    const { skey, vkey } = generateNoteKey(name, SIG_COSIGNATURE_V1);
    writeFileSync(join(dir, `${name}.skey`), `${skey}\n`, { mode: 0o600 });
    return { name, vkey, options: { url, token, key: join(dir, `${name}.skey`), state: join(dir, `${name}.json`) } };
  });
  for (const w of witnesses) await new WitnessRegistry(database).add(w.name, w.vkey);
  const [a, b] = witnesses as [(typeof witnesses)[0], (typeof witnesses)[0]];

  // 2. First round: no state, so the log key must be pinned.
  await seed(0, 6);
  t.equal(await witnessRound(a.options, undefined, quiet), 2, 'refuses to start without --log-vkey');
  t.equal(await witnessRound({ ...a.options, logVkey: ledger.key.vkey }, undefined, quiet), 0);
  t.equal(await witnessRound({ ...b.options, logVkey: ledger.key.vkey }, undefined, quiet), 0);
  t.equal(JSON.parse(readFileSync(a.options.state, 'utf8')).size, '6');

  // 3. The log grows; both witnesses check consistency 6 → 11 and cosign again (b through the real CLI parser).
  await seed(6, 11);
  await ledger.sealer.checkpoint();
  t.equal(await witnessRound(a.options, undefined, quiet), 0);
  await buildCli().parseAsync(['node', 'diaban', 'witness', '--url', url, '--token', token, '--key', b.options.key, '--state', b.options.state, '--once']);
  t.equal(process.exitCode, 0);
  t.equal(JSON.parse(readFileSync(b.options.state, 'utf8')).size, '11');

  // 4. The served checkpoint carries both cosignatures; a 2-of-2 policy holds.
  const auth = { authorization: `Bearer ${token}` };
  const note = (await app.inject({ method: 'GET', url: '/v1/ledger/checkpoint', headers: auth })).body;
  t.ok(verifyWitnessPolicy(note, { log: ledger.key.vkey, witnesses: [a.vkey, b.vkey], threshold: 2 }));

  // 5. A bundle fetched over HTTP verifies offline with the 2-of-2 policy, and not with 3-of-3.
  const bundleFile = join(dir, 'bundle.json');
  writeFileSync(bundleFile, (await app.inject({ method: 'GET', url: '/v1/ledger/bundle?positions=2,9', headers: auth })).body);
  t.equal(verifyBundleCommand(bundleFile, { vkey: ledger.key.vkey, witness: [a.vkey, b.vkey], witnessesRequired: '2' }, quiet), 0);
  const stranger = generateNoteKey('stranger', SIG_COSIGNATURE_V1);
  t.equal(verifyBundleCommand(bundleFile, { vkey: ledger.key.vkey, witness: [a.vkey, b.vkey, stranger.vkey] }, quiet), 1);

  // 6. An unregistered witness is refused; a registered one's bad line is malformed; a checkpoint the log never signed is refused.
  const post = (payload: string) => app.inject({ method: 'POST', url: '/v1/ledger/cosignatures', headers: { ...auth, 'content-type': 'text/plain' }, payload });
  const logOnly = { text: parseNote(note).text, signatures: parseNote(note).signatures.filter((s) => s.name === ledger.key.name) };
  const strangers = signNote(logOnly, [cosignatureSigner(stranger.skey, 1_700_000_000n)]);
  t.equal((await post(strangers)).statusCode, 403);
  t.equal((await post(strangers)).json().code, 'LEDGER_UNKNOWN_WITNESS');
  t.equal((await app.inject({ method: 'POST', url: '/v1/ledger/cosignatures', payload: strangers, headers: { 'content-type': 'text/plain' } })).statusCode, 401);
  const forged = note.replace(/^— committee-a (\S+)$/mu, (_line, sig: string) => {
    const bytes = Buffer.from(sig, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01; // one bit of the Ed25519 signature
    return `— committee-a ${bytes.toString('base64')}`;
  });
  t.not(forged, note);
  t.match((await post(forged)).json(), { code: 'LEDGER_NOTE_BAD_SIGNATURE' });
  t.equal((await post(note)).statusCode, 201, 'a repeated post is accepted and changes nothing');
  const unsigned = signNote(parseNote(note).text, [cosignatureSigner(readFileSync(a.options.key, 'utf8').trim(), 1_700_000_000n)]);
  t.equal((await post(unsigned)).json().code, 'LEDGER_NOTE_UNVERIFIED', 'without the log signature');

  // 7. History is rewritten and re-signed: the witness refuses and keeps its state.
  const before = readFileSync(a.options.state, 'utf8');
  await seed(11, 13);
  const sealer = await rewriteHistory(database, store, ledger.key, 4);
  t.equal((await sealer.checkpoint()).treeSize, 13n);
  t.equal(await witnessRound(a.options, undefined, quiet), 1, 'refused: inconsistent log');
  t.equal(readFileSync(a.options.state, 'utf8'), before, 'the state still names the last verified checkpoint');
  process.exitCode = 0;
});
