import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatVerifierKey, generateNoteKey, parseSignerKey, SIG_ED25519 } from '../noteKeys.js';
import { noteSigner, type NoteSigner } from '../signedNote.js';

export interface LedgerKey {
  /** The log's key name: its origin line. */
  name: string;
  signer: NoteSigner;
  /** `name+hexkeyid+base64(0x01||pub)`, what verifiers are given. */
  vkey: string;
}

/**
 * The log's Ed25519 signing key, as a Go-note private key string in a file (mode 0600). Generated on
 * first start under the given name (the origin); later starts read it back. Whoever holds this file
 * can sign checkpoints, which is why witnesses cosign (README "Witnesses").
 */
export function loadOrCreateLedgerKey(path: string, origin: string): LedgerKey {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const { skey } = generateNoteKey(origin);
    writeFileSync(path, `${skey}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  const skey = readFileSync(path, 'utf8').trim();
  const parsed = parseSignerKey(skey);
  if (parsed.type !== SIG_ED25519) throw new Error(`${path} does not hold an Ed25519 note key`);
  const vkey = formatVerifierKey({ name: parsed.name, type: SIG_ED25519, publicKey: parsed.publicKey });
  return { name: parsed.name, signer: noteSigner(skey), vkey };
}
