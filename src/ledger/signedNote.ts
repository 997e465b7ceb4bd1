import { decodeBase64, decodeUtf8, encodeBase64, utf8 } from './encoding.js';
import { LedgerError, MalformedKey, MalformedNote, NoteBadSignature, NoteUnverified } from './errors.js';
import {
  ed25519PrivateKey,
  ed25519PublicKeyObject,
  ed25519Sign,
  ed25519Verify,
  isValidKeyName,
  parseSignerKey,
  parseVerifierKey,
  SIG_ED25519,
} from './noteKeys.js';

/**
 * c2sp.org/signed-note: a text ending in a newline, a blank line, then signature lines
 * "— <key name> base64(key id || signature)". Behaviour follows golang.org/x/mod/sumdb/note's Open.
 */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** base64(key id || signature), exactly as on the signature line. */
  readonly base64: string;
}

export interface Note {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(message: Uint8Array): Uint8Array;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface OpenedNote {
  readonly text: string;
  /** Signatures of known keys, all verified; at least one. */
  readonly verified: readonly NoteSignature[];
  /** Signatures of keys the caller does not know: ignored, kept for re-signing. */
  readonly unverified: readonly NoteSignature[];
}

const SIGNATURE_PREFIX = '\u2014 '; // em dash, space
/** The spec asks verifiers to accept at least 16 signatures; Go's note package stops at 100. */
const MAX_SIGNATURES = 100;

export function noteSigner(skey: string): NoteSigner {
  const key = parseSignerKey(skey);
  if (key.type !== SIG_ED25519) throw new MalformedKey('a plain note signer needs an Ed25519 (0x01) key');
  const privateKey = ed25519PrivateKey(key.seed);
  return { name: key.name, keyId: key.keyId, sign: (message) => ed25519Sign(privateKey, message) };
}

export function noteVerifier(vkey: string): NoteVerifier {
  const key = parseVerifierKey(vkey);
  if (key.type !== SIG_ED25519) throw new MalformedKey('a plain note verifier needs an Ed25519 (0x01) key');
  const publicKey = ed25519PublicKeyObject(key.publicKey);
  return { name: key.name, keyId: key.keyId, verify: (message, signature) => ed25519Verify(publicKey, message, signature) };
}

/** Splits a note into text and signature lines; checks the format only, no signature. */
export function parseNote(message: string | Uint8Array): Note {
  const msg = typeof message === 'string' ? message : decodeUtf8(message);
  // Valid UTF-8 without control characters other than newline (signed-note "Format").
  if (msg === undefined || /[\u0000-\u0009\u000b-\u001f]|\p{Cs}/u.test(msg)) throw new MalformedNote('invalid characters');
  const split = msg.lastIndexOf('\n\n');
  const lines = msg.slice(split + 2);
  if (split < 0 || !lines.endsWith('\n')) throw new MalformedNote('a note ends with a blank line and signature lines');
  const signatures = lines.slice(0, -1).split('\n').map(parseSignatureLine);
  if (signatures.length > MAX_SIGNATURES) throw new MalformedNote(`more than ${MAX_SIGNATURES} signatures`);
  return { text: msg.slice(0, split + 1), signatures };
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw new MalformedNote('a signature line starts with an em dash and a space');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const [name, base64] = space < 0 ? [rest, ''] : [rest.slice(0, space), rest.slice(space + 1)];
  const bytes = decodeBase64(base64);
  if (!isValidKeyName(name) || bytes === undefined || bytes.length < 5) throw new MalformedNote('malformed signature line');
  return { name, keyId: Buffer.from(bytes).readUInt32BE(0), base64 };
}

export function formatNote(note: Note): string {
  checkText(note.text);
  const lines = note.signatures.map((s) => `${SIGNATURE_PREFIX}${s.name} ${s.base64}\n`);
  if (lines.length === 0) throw new MalformedNote('a signed note has at least one signature');
  return `${note.text}\n${lines.join('')}`;
}

/** Signs the text; existing signatures are kept unless a signer replaces its own (Go's note.Sign). */
export function signNote(note: string | Note, signers: readonly NoteSigner[]): string {
  const { text, signatures } = typeof note === 'string' ? { text: note, signatures: [] } : note;
  checkText(text);
  const fresh = signers.map((signer): NoteSignature => {
    const id = Buffer.alloc(4);
    id.writeUInt32BE(signer.keyId);
    return { name: signer.name, keyId: signer.keyId, base64: encodeBase64(Buffer.concat([id, signer.sign(utf8(text))])) };
  });
  const kept = signatures.filter((s) => !signers.some((signer) => signer.name === s.name && signer.keyId === s.keyId));
  return formatNote({ text, signatures: [...kept, ...fresh] });
}

/**
 * Parses and verifies: signatures of unknown keys are ignored, a known key's bad signature rejects
 * the note (signed-note "Signatures" SHOULD), and at least one known key must have signed (MUST).
 */
export function openNote(message: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const note = parseNote(message);
  const body = utf8(note.text);
  const [verified, unverified, seen] = [[] as NoteSignature[], [] as NoteSignature[], new Set<string>()];
  for (const signature of note.signatures) {
    const matches = verifiers.filter((v) => v.name === signature.name && v.keyId === signature.keyId);
    const key = `${signature.name}+${signature.keyId}`;
    if (matches.length === 0) {
      if (!unverified.some((u) => u.name === signature.name && u.base64 === signature.base64)) unverified.push(signature);
    } else if (!seen.has(key)) {
      seen.add(key); // like Go, later lines from the same key are ignored
      const raw = (decodeBase64(signature.base64) as Uint8Array).subarray(4);
      if (matches.length > 1) throw new MalformedKey(`ambiguous verifiers for ${signature.name}`);
      if (!matches[0]?.verify(body, raw)) throw new NoteBadSignature(`invalid signature by ${signature.name}`);
      verified.push(signature);
    }
  }
  if (verified.length === 0) throw new NoteUnverified('no known key signed the note');
  return { text: note.text, verified, unverified };
}

/** True when `openNote` would succeed. */
export function verifyNote(message: string | Uint8Array, verifiers: readonly NoteVerifier[]): boolean {
  try {
    openNote(message, verifiers);
    return true;
  } catch (error) {
    if (error instanceof LedgerError) return false;
    throw error;
  }
}

function checkText(text: string): void {
  if (!text.endsWith('\n') || /[\u0000-\u0009\u000b-\u001f]|\p{Cs}/u.test(text)) {
    throw new MalformedNote('note text must end with a newline and contain no control characters');
  }
}
