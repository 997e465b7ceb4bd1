import { encodeBase64 } from '../../ledger/encoding.js';
import { eventLeafBytesExact } from '../../ledger/eventLeaf.js';
import { equalBytes, leafHash } from '../../ledger/hashes.js';
import { parseLeafBytes } from '../../ledger/leafEnvelope.js';
import type { LeafRecord } from '../../ledger/postgres/LedgerReader.js';
import type { StoredEvent } from '../../store/EventStore.js';
import type { InspectionCheck } from '../InspectionCheck.js';

/** A stream's stored events beside their sealed leaves (undefined: not sealed). */
export interface SealedEvent {
  event: StoredEvent;
  leaf: LeafRecord | undefined;
}

/**
 * Each judged event, recomputed from the events table, gives its stored leaf bytes and hash. The
 * `prev` used is the stored hash of the stream's previous leaf, so one changed event shows alone
 * (the chain check catches a changed leaf).
 */
export function leafMatchCheck(stream: readonly SealedEvent[], judged: ReadonlySet<string>, origin: string): InspectionCheck {
  const bad: string[] = [];
  let count = 0;
  stream.forEach(({ event, leaf }, i) => {
    if (!judged.has(event.eventId)) return;
    count++;
    const prev = i === 0 ? null : (stream[i - 1]?.leaf?.leafHash ?? null);
    if (!leaf) return bad.push(`position ${event.globalPosition} is not sealed`);
    const bytes = eventLeafBytesExact(event, origin, prev);
    if (!equalBytes(leafHash(leaf.leafBytes), leaf.leafHash)) bad.push(`position ${event.globalPosition}: the stored leaf bytes do not hash to the stored leaf hash`);
    else if (!equalBytes(leafHash(bytes), leaf.leafHash)) bad.push(`position ${event.globalPosition} (${event.type}): the stored event no longer gives its sealed leaf; it was changed after sealing`);
    return undefined;
  });
  return bad.length === 0
    ? { code: 'INTEGRITY_LEAF_MATCHES', ok: true, detail: `all ${count} events of the visit and report recompute to their sealed leaves` }
    : { code: 'INTEGRITY_LEAF_MATCHES', ok: false, detail: bad.join('; ') };
}

/** diaban's per-stream chain (README "Ledger: leaf format"): versions 1..n, each leaf's `prev` the previous leaf's hash. */
export function chainCheck(stream: readonly SealedEvent[], streamId: string): InspectionCheck {
  for (const [i, { event, leaf }] of stream.entries()) {
    const where = `${streamId} version ${event.streamVersion}`;
    if (event.streamVersion !== BigInt(i + 1)) return { code: 'INTEGRITY_CHAIN', ok: false, detail: `${where}: expected version ${i + 1} (an event is missing)` };
    if (!leaf) return { code: 'INTEGRITY_CHAIN', ok: false, detail: `${where} is not sealed` };
    let prev: string | null;
    try {
      const envelope = parseLeafBytes(leaf.leafBytes);
      if (envelope.streamId !== streamId || envelope.streamVersion !== event.streamVersion.toString()) {
        return { code: 'INTEGRITY_CHAIN', ok: false, detail: `${where}: the leaf names ${envelope.streamId} version ${envelope.streamVersion}` };
      }
      prev = envelope.prev;
    } catch {
      return { code: 'INTEGRITY_CHAIN', ok: false, detail: `${where}: the stored leaf is not a canonical envelope` };
    }
    const before = stream[i - 1]?.leaf;
    const expected = before ? encodeBase64(before.leafHash) : null;
    if (prev !== expected) return { code: 'INTEGRITY_CHAIN', ok: false, detail: `${where}: prev is not the hash of the previous leaf of the stream` };
  }
  return { code: 'INTEGRITY_CHAIN', ok: true, detail: `${streamId}: ${stream.length} leaves chained unbroken` };
}
