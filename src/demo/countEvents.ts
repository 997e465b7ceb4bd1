import type { EventStore } from '../store/EventStore.js';

const PAGE = 2000;

/** Events in the store by type, read page by page. */
export async function countEvents(store: EventStore): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let fromPosition = 1n; ; ) {
    const page = await store.readAll({ fromPosition, limit: PAGE });
    for (const event of page.events) counts[event.type] = (counts[event.type] ?? 0) + 1;
    if (page.events.length < PAGE) return counts;
    fromPosition = page.nextPosition;
  }
}
