import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate in a PEM text, in order (a chain: the leaf first). */
export function parseCertificates(pem: string): X509Certificate[] {
  return (pem.match(PEM_CERT) ?? []).map((block) => new X509Certificate(block));
}

/**
 * The root certificates submitter certificates must chain to: the PEM file DIABAN_TRUST_ANCHORS
 * names (README "Inspection: signatures"), e.g. the national root CA of the digital-signature
 * service. Read once when the routes are built; none configured means no certificate is trusted.
 */
export function loadTrustAnchors(path: string | undefined): X509Certificate[] {
  return path === undefined || path === '' ? [] : parseCertificates(readFileSync(path, 'utf8'));
}
