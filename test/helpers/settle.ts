import { sql } from 'kysely';
import type { Database } from '../../src/db/Database.js';
import type { EventStore } from '../../src/store/EventStore.js';

/**
 * Waits until readers see every committed event. Readers hide events above the oldest transaction
 * still running anywhere in the PostgreSQL cluster (README "Ordering guarantee"); with test files
 * running in parallel on one server, a read right after a write can briefly lag. Tests that read
 * back what they just wrote call this first.
 */
export async function settle(store: EventStore, database: Database, timeoutMs = 10_000): Promise<void> {
  const committed = await sql<{ p: string | bigint | null }>`SELECT max(global_position) AS p FROM events`.execute(database.db);
  const target = BigInt(committed.rows[0]?.p ?? 0);
  const deadline = Date.now() + timeoutMs;
  while ((await store.headPosition()) < target) {
    if (Date.now() > deadline) throw new Error(`readers did not reach position ${target} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
