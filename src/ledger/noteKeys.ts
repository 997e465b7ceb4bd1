import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { decodeBase64, encodeBase64, utf8 } from './encoding.js';
import { MalformedKey } from './errors.js';
import { sha256 } from './hashes.js';

/**
 * Key names, key ids and the text encodings of keys, as c2sp.org/signed-note ("Signatures",
 * "Verifier keys") and golang.org/x/mod/sumdb/note define them:
 *   key id = SHA-256(name || 0x0A || type || public key)[:4], big-endian uint32
 *   vkey   = name+hex8(key id)+base64(type || public key)
 *   skey   = PRIVATE+KEY+name+hex8(key id)+base64(type || Ed25519 seed)
 */
export const SIG_ED25519 = 0x01;
/** c2sp.org/tlog-cosignature: timestamped Ed25519 witness cosignatures. */
export const SIG_COSIGNATURE_V1 = 0x04;

export type NoteKeyType = typeof SIG_ED25519 | typeof SIG_COSIGNATURE_V1;

export interface NoteKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: NoteKeyType;
  readonly publicKey: Uint8Array;
}

export interface NoteSignerKey extends NoteKey {
  readonly seed: Uint8Array;
}

/** Non-empty, no Unicode space, no '+' (signed-note "Format"; Go's isValidName). */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s\u0085+]/u.test(name) && !/\p{Cs}/u.test(name);
}

export function noteKeyId(name: string, type: NoteKeyType, publicKey: Uint8Array): number {
  return Buffer.from(sha256(utf8(name), Uint8Array.of(0x0a, type), publicKey)).readUInt32BE(0);
}

export const hexKeyId = (keyId: number): string => keyId.toString(16).padStart(8, '0');

export function formatVerifierKey(key: Omit<NoteKey, 'keyId'>): string {
  if (!isValidKeyName(key.name)) throw new MalformedKey(`invalid key name ${JSON.stringify(key.name)}`);
  const keyId = noteKeyId(key.name, key.type, key.publicKey);
  return `${key.name}+${hexKeyId(keyId)}+${encodeBase64(Uint8Array.of(key.type, ...key.publicKey))}`;
}

export function formatSignerKey(name: string, type: NoteKeyType, seed: Uint8Array): string {
  const publicKey = ed25519PublicKey(seed);
  formatVerifierKey({ name, type, publicKey }); // validates the name
  return `PRIVATE+KEY+${name}+${hexKeyId(noteKeyId(name, type, publicKey))}+${encodeBase64(Uint8Array.of(type, ...seed))}`;
}

/** Parses a vkey, checking its key id; the key material may itself contain '+'. */
export function parseVerifierKey(vkey: string): NoteKey {
  const [name = '', hash = '', material = ''] = chop(vkey, 2);
  const { type, key } = decodeKeyMaterial(name, hash, material, vkey);
  if (parseInt(hash, 16) !== noteKeyId(name, type, key)) throw new MalformedKey(`key id of ${vkey} does not match its key`);
  return { name, keyId: parseInt(hash, 16), type, publicKey: key };
}

export function parseSignerKey(skey: string): NoteSignerKey {
  const [private1, private2, name = '', hash = '', material = ''] = chop(skey, 4);
  if (private1 !== 'PRIVATE' || private2 !== 'KEY') throw new MalformedKey('a signer key starts with PRIVATE+KEY+');
  const { type, key: seed } = decodeKeyMaterial(name, hash, material, 'signer key');
  const publicKey = ed25519PublicKey(seed);
  const keyId = noteKeyId(name, type, publicKey);
  if (parseInt(hash, 16) !== keyId) throw new MalformedKey(`key id of signer key ${name} does not match its key`);
  return { name, keyId, type, publicKey, seed };
}

/** A fresh Ed25519 key pair as (skey, vkey) strings; the only function here that is not pure. */
export function generateNoteKey(name: string, type: NoteKeyType = SIG_ED25519): { skey: string; vkey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32));
  return { skey: formatSignerKey(name, type, seed), vkey: formatVerifierKey({ name, type, publicKey: ed25519PublicKey(seed) }) };
}

function chop(text: string, plusses: number): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < plusses; i++) {
    const at = rest.indexOf('+');
    if (at < 0) throw new MalformedKey('a key has the form name+keyid+base64');
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...parts, rest];
}

function decodeKeyMaterial(name: string, hash: string, material: string, what: string): { type: NoteKeyType; key: Uint8Array } {
  const bytes = decodeBase64(material);
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(hash) || bytes === undefined) {
    throw new MalformedKey(`malformed ${what}`);
  }
  const type = bytes[0];
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) throw new MalformedKey(`unknown key type ${type} in ${what}`);
  if (bytes.length !== 33) throw new MalformedKey(`an Ed25519 key is 32 bytes (${what})`);
  return { type, key: bytes.subarray(1) };
}

// RFC 8410 DER prefixes: the raw 32-byte Ed25519 seed / public key wrapped for node:crypto.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function ed25519PublicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  return new Uint8Array(createPublicKey(ed25519PrivateKey(seed)).export({ format: 'der', type: 'spki' }).subarray(-32));
}

export function ed25519Sign(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKey));
}

export function ed25519Verify(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  return signature.length === 64 && verify(null, message, publicKey, signature);
}
