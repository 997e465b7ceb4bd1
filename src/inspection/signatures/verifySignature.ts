import { createPublicKey, verify, type KeyObject, type X509Certificate } from 'node:crypto';
import type { SigningKey } from './SigningKeyStore.js';
import { parseCertificates } from './trustAnchors.js';

/**
 * Verifies one detached signature over the report's canonical bytes. Ed25519 signs the bytes
 * (RFC 8032, no pre-hash); RSA (PKCS #1 v1.5) and ECDSA (DER) sign their SHA-256. For a
 * certificate, the chain must lead to a trust anchor and every certificate on it be valid on the
 * filing date. Returns why not, or null when it holds.
 */
export function signatureProblem(key: SigningKey, bytes: Uint8Array, signature: Uint8Array, filedAt: Date, anchors: readonly X509Certificate[]): string | null {
  let publicKey: KeyObject;
  let chain: X509Certificate[] = [];
  try {
    if (key.kind === 'ed25519') publicKey = createPublicKey(key.pem);
    else {
      chain = parseCertificates(key.pem);
      const leaf = chain[0];
      if (!leaf) return 'the registered certificate does not parse';
      publicKey = leaf.publicKey;
    }
  } catch (error) {
    return `the registered key does not parse: ${(error as Error).message}`;
  }
  const algorithm = publicKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  let ok = false;
  try {
    ok = verify(algorithm, bytes, publicKey, signature);
  } catch {
    ok = false;
  }
  if (!ok) return `the signature does not verify with key ${key.keyId} (${publicKey.asymmetricKeyType ?? 'unknown'})`;
  return key.kind === 'x509' ? chainProblem(chain, filedAt, anchors) : null;
}

/** RFC 5280 §6 in brief: issuer names and signatures up to an anchor, validity on the filing date. */
function chainProblem(chain: readonly X509Certificate[], at: Date, anchors: readonly X509Certificate[]): string | null {
  if (anchors.length === 0) return 'no trust anchors are configured (DIABAN_TRUST_ANCHORS)';
  let current = chain[0];
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const expired = validityProblem(current, at);
    if (expired) return expired;
    const cert: X509Certificate = current;
    const anchor = anchors.find((a) => a.fingerprint256 === cert.fingerprint256 || (cert.checkIssued(a) && cert.verify(a.publicKey)));
    if (anchor) return anchor.fingerprint256 === cert.fingerprint256 ? null : validityProblem(anchor, at);
    current = chain.find((c) => c !== cert && cert.checkIssued(c) && cert.verify(c.publicKey));
  }
  return `the certificate ${chain[0]?.subject.replaceAll('\n', ', ') ?? ''} does not chain to a configured trust anchor`;
}

function validityProblem(cert: X509Certificate, at: Date): string | null {
  const [from, to] = [new Date(cert.validFrom), new Date(cert.validTo)];
  if (at >= from && at <= to) return null;
  return `the certificate ${cert.subject.replaceAll('\n', ', ')} was not valid on the filing date ${at.toISOString()} (valid ${from.toISOString()} – ${to.toISOString()})`;
}
