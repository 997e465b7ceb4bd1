import type { EventStore } from '../../src/store/EventStore.js';

/**
 * Waits until readers see every committed event. Readers hide events above the oldest transaction
 * still running anywhere in the PostgreSQL cluster (README "Ordering guarantee"); with test files
 * running in parallel on one server, a read right after a write can briefly lag. Tests that read
 * back what they just wrote call this first.
 */
export async function settle(store: EventStore, timeoutMs = 10_000): Promise<void> {
  const target = await store.committedPosition();
  const deadline = Date.now() + timeoutMs;
  while ((await store.headPosition()) < target) {
    if (Date.now() > deadline) throw new Error(`readers did not reach position ${target} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
