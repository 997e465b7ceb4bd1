import type { Ledger } from '../../ledger/Ledger.js';
import { noteVerifier } from '../../ledger/signedNote.js';
import type { EventStore } from '../../store/EventStore.js';
import type { Evidence } from '../collectEvidence.js';
import type { InspectionCheck } from '../InspectionCheck.js';
import { sealedCheckpoint } from '../sealedCheckpoint.js';
import { chainCheck, leafMatchCheck, type SealedEvent } from './leafChecks.js';
import { consistentCheck, includedCheck } from './proofChecks.js';

/**
 * The integrity checks of the issue, against the log's own key: leaves recomputed from the events
 * table, inclusion in the latest signed checkpoint, the stream's chain, consistency with every
 * earlier checkpoint. `knownCheckpoints` are notes the inspector kept.
 */
export async function integrityChecks(ledger: Ledger, store: EventStore, evidence: Evidence, knownCheckpoints: readonly string[]): Promise<{ checks: InspectionCheck[]; note: string }> {
  const upTo = evidence.events.reduce((max, e) => (BigInt(e.position) > max ? BigInt(e.position) : max), 0n);
  const latest = await sealedCheckpoint(ledger, upTo);
  const log = noteVerifier(ledger.key.vkey);
  const stream: SealedEvent[] = [];
  for (const event of await store.readStream(evidence.streamId)) stream.push({ event, leaf: await ledger.reader.leafAt(event.globalPosition) });
  const judgedIds = new Set(evidence.own.map((e) => e.position));
  const judged = stream.filter((s) => judgedIds.has(s.event.globalPosition.toString()));
  const checks = [
    leafMatchCheck(stream, new Set(judged.map((s) => s.event.eventId)), ledger.key.name),
    await includedCheck(ledger.reader, judged, latest.note, log),
    chainCheck(stream, evidence.streamId),
    await consistentCheck(ledger.reader, latest.note, log, knownCheckpoints),
  ];
  return { checks, note: latest.note };
}
