import { decodeBase64, utf8 } from './encoding.js';
import { MalformedNote } from './errors.js';
import {
  ed25519PrivateKey,
  ed25519PublicKeyObject,
  ed25519Sign,
  ed25519Verify,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
  SIG_COSIGNATURE_V1,
} from './noteKeys.js';
import type { NoteSignature, NoteSigner, NoteVerifier } from './signedNote.js';

/**
 * c2sp.org/tlog-cosignature, Ed25519 "cosignature/v1": a witness signs
 *   "cosignature/v1\ntime <t>\n" || checkpoint note text
 * and the note signature is timestamped_signature = u64 big-endian t || 64-byte Ed25519 signature,
 * under a key of type 0x04 (key id over 0x04 || public key). Keys of type 0x01 are accepted and
 * treated as 0x04 keys, as transparency-dev/formats' NewVerifierForCosignatureV1 does.
 * The timestamp is the caller's: this code reads no clock.
 */
const MAX_TIMESTAMP = (1n << 63n) - 1n;

function checkTimestamp(timestamp: bigint): void {
  if (timestamp < 0n || timestamp > MAX_TIMESTAMP) throw new MalformedNote(`timestamp ${timestamp} is outside 0..2^63-1`);
}

export function cosignatureMessage(noteText: string, timestamp: bigint): Uint8Array {
  checkTimestamp(timestamp);
  // The cosigned body is a checkpoint: at least three lines (tlog-checkpoint "Note text").
  if (!noteText.endsWith('\n') || noteText.split('\n').length < 4) throw new MalformedNote('not a checkpoint body');
  return utf8(`cosignature/v1\ntime ${timestamp}\n${noteText}`);
}

/** A note signer that cosigns at `timestamp` (POSIX seconds). */
export function cosignatureSigner(skey: string, timestamp: bigint): NoteSigner {
  const key = parseSignerKey(skey);
  const privateKey = ed25519PrivateKey(key.seed);
  checkTimestamp(timestamp);
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64BE(timestamp);
  return {
    name: key.name,
    keyId: noteKeyId(key.name, SIG_COSIGNATURE_V1, key.publicKey),
    sign: (noteText) => {
      const signature = ed25519Sign(privateKey, cosignatureMessage(new TextDecoder().decode(noteText), timestamp));
      return Buffer.concat([stamp, signature]);
    },
  };
}

export function cosignatureVerifier(vkey: string): NoteVerifier {
  const key = parseVerifierKey(vkey);
  const publicKey = ed25519PublicKeyObject(key.publicKey);
  return {
    name: key.name,
    keyId: noteKeyId(key.name, SIG_COSIGNATURE_V1, key.publicKey),
    verify: (noteText, signature) => {
      if (signature.length !== 8 + 64) return false;
      const timestamp = Buffer.from(signature).readBigUInt64BE(0);
      if (timestamp > MAX_TIMESTAMP) return false;
      try {
        return ed25519Verify(publicKey, cosignatureMessage(new TextDecoder().decode(noteText), timestamp), signature.subarray(8));
      } catch {
        return false; // a body that is not a checkpoint was never cosigned
      }
    },
  };
}

/** The cosigner's claimed time of a cosignature/v1 signature (verify it first). */
export function cosignatureTimestamp(signature: NoteSignature): bigint {
  const bytes = decodeBase64(signature.base64);
  if (bytes?.length !== 4 + 8 + 64) throw new MalformedNote('not a cosignature/v1 signature');
  return Buffer.from(bytes).readBigUInt64BE(4);
}
