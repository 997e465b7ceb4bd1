import t from 'tap';
import {
  cosignatureMessage,
  cosignatureSigner,
  cosignatureTimestamp,
  cosignatureVerifier,
  formatCheckpoint,
  generateNoteKey,
  hexKeyId,
  noteKeyId,
  noteSigner,
  noteVerifier,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  SIG_COSIGNATURE_V1,
  signCheckpoint,
  signNote,
  verifyCheckpoint,
  verifyWitnessPolicy,
  type WitnessPolicy,
} from '#src/ledger/index.js';

// The body of the c2sp.org/tlog-checkpoint example.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const ROOT = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';

t.test('parses and formats the spec example and extension lines byte for byte', async (t) => {
  const checkpoint = parseCheckpoint(SPEC_BODY);
  t.equal(checkpoint.origin, 'example.com/behind-the-sofa');
  t.equal(checkpoint.size, 20852163n);
  t.equal(Buffer.from(checkpoint.rootHash).toString('base64'), ROOT);
  t.equal(formatCheckpoint(checkpoint), SPEC_BODY);
  const extended = `${SPEC_BODY}ext one\n— not a signature here\n`;
  t.same(parseCheckpoint(extended).extensions, ['ext one', '— not a signature here']);
  t.equal(formatCheckpoint(parseCheckpoint(extended)), extended);
  t.equal(parseCheckpoint(`o\n18446744073709551615\n${ROOT}\n`).size, (1n << 64n) - 1n, 'uint64 max');
  t.equal(parseCheckpoint(`o\n0\n${ROOT}\n`).size, 0n);
});

t.test('strict parsing refuses malformed bodies', async (t) => {
  const bad = {
    'no final newline': SPEC_BODY.slice(0, -1),
    'two lines': 'example.com/log\n5\n',
    'empty origin': `\n5\n${ROOT}\n`,
    'leading zero': `o\n05\n${ROOT}\n`,
    'plus sign': `o\n+5\n${ROOT}\n`,
    'negative': `o\n-5\n${ROOT}\n`,
    'spaces': `o\n 5\n${ROOT}\n`,
    'hex size': `o\n0x5\n${ROOT}\n`,
    'beyond uint64': `o\n18446744073709551616\n${ROOT}\n`,
    'short root': `o\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n`,
    'unpadded root': `o\n5\n${ROOT.slice(0, -1)}\n`,
    'url-safe root': `o\n5\n${ROOT.replace('/', '_')}\n`,
    'non-canonical root bits': `o\n5\n${ROOT.slice(0, -2)}J=\n`,
    'empty extension line': `${SPEC_BODY}\n`,
    'CRLF': SPEC_BODY.replaceAll('\n', '\r\n'),
    'control character': `o\tx\n5\n${ROOT}\n`,
  };
  for (const [what, body] of Object.entries(bad)) t.throws(() => parseCheckpoint(body), { code: 'LEDGER_MALFORMED_CHECKPOINT' }, what);
  t.throws(() => formatCheckpoint({ origin: 'o', size: -1n, rootHash: new Uint8Array(32), extensions: [] }), {
    code: 'LEDGER_MALFORMED_CHECKPOINT',
  });
});

t.test('a signed checkpoint opens only with the log key', async (t) => {
  const log = generateNoteKey('diaban.example/ledger');
  const other = generateNoteKey('diaban.example/other');
  const checkpoint = { origin: 'diaban.example/ledger', size: 42n, rootHash: new Uint8Array(32).fill(7), extensions: [] };
  const note = signCheckpoint(checkpoint, noteSigner(log.skey));
  t.same(openCheckpoint(note, noteVerifier(log.vkey)).checkpoint, checkpoint);
  t.notOk(verifyCheckpoint(note, noteVerifier(other.vkey)), 'another key');
  const byOther = signNote(formatCheckpoint(checkpoint), [noteSigner(other.skey)]);
  t.throws(() => openCheckpoint(byOther, noteVerifier(log.vkey), [noteVerifier(other.vkey)]), { code: 'LEDGER_NOTE_UNVERIFIED' });
  t.notOk(verifyCheckpoint(note.replace('\n42\n', '\n43\n'), noteVerifier(log.vkey)), 'a changed size');
  const notACheckpoint = signNote('hello\n', [noteSigner(log.skey)]);
  t.throws(() => openCheckpoint(notACheckpoint, noteVerifier(log.vkey)), { code: 'LEDGER_MALFORMED_CHECKPOINT' });
});

// Witness cosignatures (c2sp.org/tlog-cosignature) and the k-of-n policy.

// c2sp.org/tlog-cosignature's example cosignature line (its timestamp is the "time 1679315147" of
// the spec's signed-message example), the timestamp vector and the 0x04 verifier key of
// transparency-dev/formats note_cosigv1_test.go.
const SPEC_COSIG = 'jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';
const FORMATS_COSIG = 'ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA==';
const REMORA_VKEY = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';

const log = generateNoteKey('diaban.example/ledger');
const witnesses = ['w1', 'w2', 'w3'].map((name) => generateNoteKey(`witness.example/${name}`, SIG_COSIGNATURE_V1));
function witness(i: number): { skey: string; vkey: string } {
  const key = witnesses[i];
  if (key === undefined) throw new Error(`no witness ${i}`);
  return key;
}
const checkpoint = { origin: 'diaban.example/ledger', size: 1234n, rootHash: new Uint8Array(32).fill(9), extensions: [] };
const logNote = signCheckpoint(checkpoint, noteSigner(log.skey));
const T = 1_700_000_000n;

const cosign = (note: string, index: number, time = T): string =>
  signNote(parseNote(note), [cosignatureSigner(witness(index).skey, time)]);
const policy = (threshold: number, extra: Partial<WitnessPolicy> = {}): WitnessPolicy => ({
  log: log.vkey,
  witnesses: witnesses.map((w) => w.vkey),
  threshold,
  ...extra,
});

t.test('timestamps and key ids match the published examples', async (t) => {
  t.equal(cosignatureTimestamp({ name: 'witness.example.com/w1', keyId: 0x8d66cf3f, base64: SPEC_COSIG }), 1679315147n);
  t.equal(cosignatureTimestamp({ name: 'x', keyId: 0, base64: FORMATS_COSIG }), 1727964367n);
  const remora = parseVerifierKey(REMORA_VKEY);
  t.equal(remora.type, SIG_COSIGNATURE_V1);
  t.equal(hexKeyId(noteKeyId(remora.name, SIG_COSIGNATURE_V1, remora.publicKey)), 'da77ade7', 'SHA-256(name || \\n || 0x04 || key)[:4]');
  t.equal(
    Buffer.from(cosignatureMessage('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n', 1679315147n)).toString(),
    'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
  );
});

t.test('a cosignature round-trips: 72 bytes after the key id, timestamp first', async (t) => {
  const opened = openNote(cosign(logNote, 0), [cosignatureVerifier(witness(0).vkey)]);
  const [signature] = opened.verified;
  t.equal(opened.verified.length, 1);
  t.equal(opened.unverified.length, 1, 'the log signature is unknown to this verifier');
  t.equal(signature && cosignatureTimestamp(signature), T);
  t.equal(Buffer.from(signature?.base64 ?? '', 'base64').length, 4 + 8 + 64);
  t.throws(() => cosignatureSigner(witness(0).skey, 0n).sign(new TextEncoder().encode('one line\n')), {
    code: 'LEDGER_MALFORMED_NOTE',
  });
  t.throws(() => cosignatureSigner(witness(0).skey, 1n << 63n), { code: 'LEDGER_MALFORMED_NOTE' }, 'timestamp > 2^63 - 1');
});

t.test('a 0x01 key of the same witness verifies as its 0x04 form (transparency-dev/formats)', async (t) => {
  const plain = generateNoteKey('witness.example/plain');
  const note = signNote(parseNote(logNote), [cosignatureSigner(plain.skey, T)]);
  t.ok(verifyWitnessPolicy(note, { log: log.vkey, witnesses: [plain.vkey], threshold: 1 }));
});

t.test('k-of-n policy', async (t) => {
  const two = cosign(cosign(logNote, 0), 2);
  t.ok(verifyWitnessPolicy(two, policy(2)), '2 of 3 with two cosignatures');
  t.notOk(verifyWitnessPolicy(two, policy(3)), '3 of 3 is not met');
  t.ok(verifyWitnessPolicy(logNote, policy(0)), 'k = 0 is the log signature alone');

  const sameWitnessTwice = `${cosign(logNote, 1, T)}${cosign(logNote, 1, T + 5n).split('\n').at(-2)}\n`;
  t.equal(parseNote(sameWitnessTwice).signatures.length, 3, 'two lines by w2');
  t.notOk(verifyWitnessPolicy(sameWitnessTwice, policy(2)), 'duplicates of one witness count once');
  t.notOk(verifyWitnessPolicy(cosign(logNote, 1), { ...policy(2), witnesses: [witness(1).vkey, witness(1).vkey] }));

  const stranger = generateNoteKey('witness.example/stranger', SIG_COSIGNATURE_V1);
  const withStranger = signNote(parseNote(two), [cosignatureSigner(stranger.skey, T)]);
  t.ok(verifyWitnessPolicy(withStranger, policy(2)), 'an unknown cosigner is ignored');
  t.notOk(verifyWitnessPolicy(withStranger, policy(3)), 'and does not count');
});

t.test('the policy fails without the log signature, on a bad known cosignature, or a changed body', async (t) => {
  const two = cosign(cosign(logNote, 0), 1);
  const withoutLog = two.split('\n').filter((line) => !line.startsWith('— diaban.example/ledger ')).join('\n');
  t.notOk(verifyWitnessPolicy(withoutLog, policy(2)), 'no log signature');
  const otherBody = signCheckpoint({ ...checkpoint, size: 1235n }, noteSigner(log.skey));
  const transplanted = `${otherBody}${two.split('\n').slice(-3).join('\n')}`;
  t.notOk(verifyWitnessPolicy(transplanted, policy(1)), 'cosignatures of another checkpoint');
  t.notOk(verifyWitnessPolicy(two.replace('\n1234\n', '\n1235\n'), policy(0)), 'a changed body');
  t.notOk(verifyWitnessPolicy(two, policy(1, { notAfter: T - 1n })), 'cosignatures from the future do not count');
  t.ok(verifyWitnessPolicy(two, policy(2, { notAfter: T })));
});
