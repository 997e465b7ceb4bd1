import { setTimeout as sleep } from 'node:timers/promises';
import type { Ledger } from '../ledger/Ledger.js';
import type { CheckpointRow } from '../ledger/postgres/ledgerRows.js';

const WAIT_MS = 100;
/**
 * 30 s: a rebuild writes pages of 10,000 events in one transaction, and while one runs (on this or
 * any other schema of the cluster) readers see nothing newer. Waiting is better than naming a
 * just-filed report's unsealed event in the integrity checks, which would read as tampering.
 */
const ATTEMPTS = 300;

/**
 * The latest checkpoint covering every event the inspection rests on (up to position `upTo`):
 * pending events are sealed and a checkpoint signed first. The store shows an event to readers
 * only once no older transaction is still running (README "Ordering guarantee"), so an event read
 * by id can be briefly invisible to the sealer: it waits a bounded while (30 s), and past that the
 * integrity checks name the unsealed event instead of failing the request.
 */
export async function sealedCheckpoint(ledger: Ledger, upTo: bigint): Promise<CheckpointRow> {
  for (let attempt = 1; ; attempt++) {
    await ledger.sealer.sealPending();
    if (upTo <= 0n || (await ledger.reader.leafAt(upTo)) !== undefined || attempt >= ATTEMPTS) break;
    await sleep(WAIT_MS);
  }
  const size = await ledger.reader.sealedSize();
  const latest = await ledger.reader.latestCheckpoint();
  if (latest && latest.treeSize >= size) return latest;
  const signed = await ledger.sealer.checkpoint();
  return (await ledger.reader.checkpointAt(signed.treeSize)) ?? signed;
}
