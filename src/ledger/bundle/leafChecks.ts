import { decodeBase64, encodeBase64 } from '../encoding.js';
import { leafHash, type Hash } from '../hashes.js';
import { parseLeafBytes, type LeafEnvelope } from '../leafEnvelope.js';
import { verifyInclusion } from '../verifyProofs.js';
import type { Checkpoint } from '../checkpoint.js';
import type { BundleLeaf } from './Bundle.js';
import { check, type BundleCheck } from './BundleCheck.js';

interface OpenedLeaf {
  leaf: BundleLeaf;
  envelope: LeafEnvelope | undefined;
  hash: Hash;
}

/** Envelope, inclusion, order and per-stream chain checks of the bundle's leaves. */
export function leafChecks(leaves: readonly BundleLeaf[], checkpoint: Checkpoint): BundleCheck[] {
  const checks: BundleCheck[] = [];
  const opened = leaves.map((leaf): OpenedLeaf => {
    const bytes = decodeBase64(leaf.leafBytes) as Uint8Array; // the schema checked the base64
    const hash = leafHash(bytes);
    const name = `position ${leaf.position} (leaf ${leaf.leafIndex})`;
    const envelope = openEnvelope(bytes);
    const fits = envelope !== undefined && envelope.position === leaf.position && envelope.origin === checkpoint.origin;
    checks.push(check('LEAF_ENVELOPE', fits, envelope === undefined ? `${name}: not a canonical leaf envelope` : fits ? name : `${name}: envelope names position ${envelope.position} of ${envelope.origin}`));
    const proof = leaf.inclusionProof.map((p) => decodeBase64(p) as Uint8Array);
    const included = verifyInclusion(BigInt(leaf.leafIndex), checkpoint.size, hash, proof, checkpoint.rootHash);
    checks.push(check('LEAF_INCLUSION', included, `${name} in tree size ${checkpoint.size}${included ? '' : ': the proof does not lead to the signed root'}`));
    return { leaf, envelope, hash };
  });
  checks.push(orderCheck(leaves));
  checks.push(...chainChecks(opened));
  return checks;
}

function openEnvelope(bytes: Uint8Array): LeafEnvelope | undefined {
  try {
    return parseLeafBytes(bytes);
  } catch {
    return undefined;
  }
}

/** Leaf index = rank in position order, so between two leaves the index advances by at most the position. */
function orderCheck(leaves: readonly BundleLeaf[]): BundleCheck {
  const sorted = [...leaves].sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
  for (const [i, leaf] of sorted.entries()) {
    const [position, index] = [BigInt(leaf.position), BigInt(leaf.leafIndex)];
    if (index > position - 1n) return check('LEAF_ORDER', false, `position ${position} cannot have leaf index ${index}`);
    const before = sorted[i - 1];
    if (!before) continue;
    const [dp, di] = [position - BigInt(before.position), index - BigInt(before.leafIndex)];
    if (dp === 0n || di <= 0n || di > dp) return check('LEAF_ORDER', false, `positions ${before.position} and ${position} disagree with leaf indices ${before.leafIndex} and ${index}`);
  }
  return check('LEAF_ORDER', true, `${leaves.length} leaves in position order`);
}

/** diaban's per-stream hash chain (README "Ledger: leaf format"): each envelope's `prev` is the leaf hash of its stream's previous event. */
function chainChecks(opened: readonly OpenedLeaf[]): BundleCheck[] {
  const byStreamVersion = new Map<string, OpenedLeaf>();
  for (const o of opened) if (o.envelope) byStreamVersion.set(`${o.envelope.streamId}\n${o.envelope.streamVersion}`, o);
  const checks: BundleCheck[] = [];
  for (const o of opened) {
    const e = o.envelope;
    if (!e) continue;
    if (e.streamVersion === '1') {
      checks.push(check('STREAM_CHAIN', e.prev === null, `position ${e.position} opens stream ${e.streamId}${e.prev === null ? '' : ' yet names a previous leaf'}`));
      continue;
    }
    const previous = byStreamVersion.get(`${e.streamId}\n${BigInt(e.streamVersion) - 1n}`);
    if (!previous) continue; // the previous event is not in the bundle: nothing to compare
    const linked = e.prev === encodeBase64(previous.hash);
    checks.push(check('STREAM_CHAIN', linked, `position ${previous.leaf.position} → ${e.position} in stream ${e.streamId}${linked ? '' : ': prev is not the hash of the previous leaf'}`));
  }
  return checks;
}
