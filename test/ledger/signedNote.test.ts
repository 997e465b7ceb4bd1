import t from 'tap';
import {
  formatVerifierKey,
  generateNoteKey,
  hexKeyId,
  noteKeyId,
  noteSigner,
  noteVerifier,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifyNote,
  SIG_ED25519,
  type NoteVerifier,
} from '#src/ledger/index.js';

// Published vectors. golang.org/x/mod/sumdb/note (package doc and note_test.go): the PeterNeumann
// key, text and signed note, and EnochRoot's second signature. c2sp.org/signed-note: the
// example.com/foo key and note. transparency-dev/formats note_cosigv1_test.go: TEST, whose base64
// contains a '+'.
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE =
  'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
const PLUS_VKEY = 'TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6';

t.test('key ids are SHA-256(name || 0x0A || 0x01 || public key)[:4], as published', async (t) => {
  for (const [vkey, id] of [
    [PETER_VKEY, 'c74f20a3'],
    [ENOCH_VKEY, 'af0cfe78'],
    [SPEC_VKEY, '530d903a'],
    [PLUS_VKEY, '7997405c'],
  ] as const) {
    const key = parseVerifierKey(vkey);
    t.equal(hexKeyId(noteKeyId(key.name, SIG_ED25519, key.publicKey)), id, key.name);
    t.equal(formatVerifierKey(key), vkey, `${key.name} formats back byte for byte`);
  }
  const signer = parseSignerKey(PETER_SKEY);
  t.equal(formatVerifierKey(signer), PETER_VKEY, 'the signer key derives the published verifier key');
});

t.test('signing reproduces the Go note byte for byte, and the spec example verifies', async (t) => {
  t.equal(signNote(TEXT, [noteSigner(PETER_SKEY)]), `${TEXT}\n${PETER_SIG}`);
  t.same(openNote(SPEC_NOTE, [noteVerifier(SPEC_VKEY)]).text, 'This is an example message.\n');
});

t.test('an unknown extra signature is ignored; at least one known signature is required', async (t) => {
  const both = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
  const opened = openNote(both, [noteVerifier(PETER_VKEY)]);
  t.same(opened.verified.map((s) => s.name), ['PeterNeumann']);
  t.same(opened.unverified.map((s) => s.name), ['EnochRoot']);
  t.same(openNote(both, [noteVerifier(PETER_VKEY), noteVerifier(ENOCH_VKEY)]).verified.length, 2);
  t.throws(() => openNote(both, [noteVerifier(SPEC_VKEY)]), { code: 'LEDGER_NOTE_UNVERIFIED' });
  t.throws(() => openNote(both, []), { code: 'LEDGER_NOTE_UNVERIFIED' });
  t.ok(verifyNote(`${TEXT}\n${ENOCH_SIG}${PETER_SIG}${PETER_SIG}`, [noteVerifier(PETER_VKEY)]), 'order and repeats');
});

t.test('a changed body or a wrong key fails', async (t) => {
  const peter = [noteVerifier(PETER_VKEY)];
  t.notOk(verifyNote(`${TEXT.replace('problem', 'prob1em')}\n${PETER_SIG}`, peter), 'one changed byte');
  t.notOk(verifyNote(`${TEXT}extra line\n\n${PETER_SIG}`, peter), 'an appended line');
  t.throws(() => openNote(`${TEXT.slice(1)}\n${PETER_SIG}`, peter), { code: 'LEDGER_NOTE_BAD_SIGNATURE' });
  const impostor = generateNoteKey('PeterNeumann');
  t.notOk(verifyNote(`${TEXT}\n${PETER_SIG}`, [noteVerifier(impostor.vkey)]), 'same name, another key: unknown');
  const otherKey = noteVerifier(generateNoteKey('PeterNeumann').vkey);
  const sameIdOtherKey: NoteVerifier = { name: 'PeterNeumann', keyId: 0xc74f20a3, verify: otherKey.verify };
  t.throws(() => openNote(`${TEXT}\n${PETER_SIG}`, [sameIdOtherKey]), { code: 'LEDGER_NOTE_BAD_SIGNATURE' });
});

t.test('generated keys round-trip and re-signing keeps other signatures', async (t) => {
  const { skey, vkey } = generateNoteKey('diaban.example/log');
  t.match(parseVerifierKey(vkey), { name: 'diaban.example/log', type: SIG_ED25519 });
  const signed = signNote(parseNote(`${TEXT}\n${PETER_SIG}`), [noteSigner(skey)]);
  t.ok(verifyNote(signed, [noteVerifier(vkey)]));
  t.ok(verifyNote(signed, [noteVerifier(PETER_VKEY)]), 'the Go signature survived');
  t.equal(signNote(parseNote(signed), [noteSigner(skey)]), signed, 'signing again replaces, not duplicates');
});

t.test('malformed notes are refused', async (t) => {
  const bad = [
    `${TEXT}${PETER_SIG}`, // no blank line
    `${TEXT}\n${PETER_SIG.trimEnd()}`, // no final newline
    `${TEXT}\n`, // no signature lines
    `${TEXT}\n- PeterNeumann x08go/ZJk=\n`, // hyphen, not em dash
    `${TEXT}\n— PeterNeumann\n`, // no signature
    `${TEXT}\n— PeterNeumann AAAA\n`, // shorter than a key id and one byte
    `${TEXT}\n— Peter+Neumann ${PETER_SIG.split(' ')[2]}`, // '+' in the name
    `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/Sff_vIAQ=\n`, // not standard base64
    `tab\there\n\n${PETER_SIG}`, // control character
    `lone \ud800\n\n${PETER_SIG}`, // not UTF-8
    `${TEXT}\n${PETER_SIG.repeat(101)}`, // too many signatures
  ];
  for (const note of bad) t.throws(() => parseNote(note), { code: 'LEDGER_MALFORMED_NOTE' }, JSON.stringify(note.slice(-40)));
  t.throws(() => parseNote(Uint8Array.of(0x61, 0xff, 0x0a, 0x0a)), { code: 'LEDGER_MALFORMED_NOTE' }, 'invalid UTF-8 bytes');
  t.throws(() => signNote('no final newline', [noteSigner(PETER_SKEY)]), { code: 'LEDGER_MALFORMED_NOTE' });
});

t.test('every truncation or one-byte change of a key string is refused (Go TestNewVerifier/TestNewSigner)', async (t) => {
  for (const [key, parse] of [
    [PETER_VKEY, parseVerifierKey],
    [PETER_SKEY, parseSignerKey],
  ] as const) {
    let accepted = 0;
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) if ((i !== 0 || j !== key.length) && parses(parse, key.slice(i, j))) accepted++;
    }
    for (let i = 0; i < key.length; i++) {
      const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      if (parses(parse, changed)) accepted++;
    }
    t.equal(accepted, 0, key.slice(0, 20));
  }
  t.throws(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='), {
    code: 'LEDGER_MALFORMED_KEY',
  });
  t.throws(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), { code: 'LEDGER_MALFORMED_KEY' });
});

function parses(parse: (key: string) => unknown, key: string): boolean {
  try {
    parse(key);
    return true;
  } catch {
    return false;
  }
}
