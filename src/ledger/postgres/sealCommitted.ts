import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Database } from '../../db/Database.js';
import { sealedHead, toBigint } from './ledgerRows.js';
import type { Sealer } from './Sealer.js';

/**
 * Seals every event committed when called, not only those readers see yet. Readers hide events
 * above the oldest transaction running anywhere in the PostgreSQL cluster (README "Ordering
 * guarantee"), so `sealPending` right after an append can stop short while some other transaction
 * (another schema's writer, a long rebuild) is open. This waits, sealing as the horizon moves, until
 * the last position committed at the call is sealed, or the timeout passes (then it throws).
 */
export async function sealCommitted(database: Database, sealer: Sealer, timeoutMs = 30_000): Promise<bigint> {
  const committed = await sql<{ p: string | bigint | null }>`SELECT max(global_position) AS p FROM events`.execute(database.db);
  const target = toBigint(committed.rows[0]?.p ?? 0);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const size = await sealer.sealPending();
    if ((await sealedHead(database.db)).lastPosition >= target) return size;
    if (Date.now() > deadline) throw new Error(`position ${target} was not visible to the sealer within ${timeoutMs} ms: a transaction elsewhere holds the horizon back`);
    await sleep(20);
  }
}
