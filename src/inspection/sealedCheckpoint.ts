import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../errors/ApiError.js';
import '../errors/inspectionCodes.js';
import type { Ledger } from '../ledger/Ledger.js';
import type { CheckpointRow } from '../ledger/postgres/ledgerRows.js';

const WAIT_MS = 100;
/**
 * 30 s: a rebuild writes pages of 10,000 events in one transaction, and while one runs (on this or
 * any other schema of the cluster) readers see nothing newer.
 */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The latest checkpoint covering every event the inspection rests on (up to position `upTo`):
 * pending events are sealed and a checkpoint signed first. The store shows an event to readers
 * only once no older transaction is still running (README "Ordering guarantee"), so an event read
 * by id can be briefly invisible to the sealer: it waits a bounded while (30 s), and past that
 * answers INSPECTION_NOT_SEALED_YET (503, retry). Judging the event anyway would name it unsealed in
 * the integrity checks, and an unsealed record reads as a tampered one: a verdict of tampering must
 * never come from the sealer being behind.
 */
export async function sealedCheckpoint(ledger: Ledger, upTo: bigint, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CheckpointRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await ledger.sealer.sealPending();
    if (upTo <= 0n || (await ledger.reader.leafAt(upTo)) !== undefined) break;
    if (Date.now() >= deadline) {
      throw new ApiError('INSPECTION_NOT_SEALED_YET', `the event at position ${upTo} is recorded but not sealed into the ledger yet (a transaction elsewhere in the database holds the sealer back); retry in a minute`);
    }
    await sleep(WAIT_MS);
  }
  const size = await ledger.reader.sealedSize();
  const latest = await ledger.reader.latestCheckpoint();
  if (latest && latest.treeSize >= size) return latest;
  const signed = await ledger.sealer.checkpoint();
  return (await ledger.reader.checkpointAt(signed.treeSize)) ?? signed;
}
