import { setTimeout as sleep } from 'node:timers/promises';
import type { Ledger } from '../ledger/Ledger.js';
import type { CheckpointRow } from '../ledger/postgres/ledgerRows.js';

const WAIT_MS = 100;
const ATTEMPTS = 50;

/**
 * The latest checkpoint covering every event the inspection rests on (up to position `upTo`):
 * pending events are sealed and a checkpoint signed first. The store shows an event to readers
 * only once no older transaction is still running (README "Ordering guarantee"), so an event read
 * by id can be briefly invisible to the sealer: it waits a bounded while, and past that the
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
