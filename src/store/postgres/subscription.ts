import type { ReadAllOptions, ReadAllPage, SubscribeOptions, Subscription } from '../EventStore.js';
import type { Notifier } from './notifier.js';

/**
 * Catch-up then live: reads pages from the position, hands each to the handler, and when a page comes
 * back short waits for a notification or the poll interval. One batch at a time, in order.
 */
export function startSubscription(
  readAll: (options: ReadAllOptions) => Promise<ReadAllPage>,
  notifier: Notifier,
  ready: Promise<void>,
  options: SubscribeOptions,
): Subscription {
  const abort = new AbortController();
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollIntervalMs ?? 1000;
  let position = options.fromPosition < 1n ? 1n : options.fromPosition;

  const run = async (): Promise<void> => {
    await ready;
    while (!abort.signal.aborted) {
      const seen = notifier.generation;
      const page = await readAll({
        fromPosition: position,
        limit: batchSize,
        ...(options.types ? { types: options.types } : {}),
      });
      if (abort.signal.aborted) return;
      // Handlers see every advance, even an empty one (a types filter skipped other events).
      if (page.events.length > 0 || page.nextPosition > position) await options.handler(page.events, page.nextPosition - 1n);
      position = page.nextPosition;
      if (page.events.length < batchSize) await notifier.wait(seen, pollMs, abort.signal);
    }
  };
  const done = run();
  done.catch(() => undefined); // the caller observes failures through `done`

  return {
    get position() {
      return position;
    },
    done,
    async stop() {
      abort.abort();
      await done.catch(() => undefined);
    },
  };
}
