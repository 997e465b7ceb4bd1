import { createHash, randomUUID } from 'node:crypto';
import { decodeEvent, isEventType, registry } from '#events/registry.js';
import type { EventMetadata, EventStore } from '../../../src/store/EventStore.js';

/** An event to append: its type, data, and the Vietnamese day it happened (its occurredAt). */
export interface PlannedEvent {
  type: string;
  on: string;
  data: unknown;
}

/** Events of one stream, appended in one call. */
export interface StreamBatch {
  streamId: string;
  events: PlannedEvent[];
}

export type Append = (batch: StreamBatch) => Promise<void>;

/** Ids the generator refers to before the event exists (a cadre's id in its visits), from a name. */
export function uuidFrom(name: string): string {
  const h = createHash('sha256').update(`diaban-bench/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const metadata: EventMetadata = { actor: null, role: 'system', correlationId: null, causationId: null, requestId: null };

/**
 * Appends stream batches through the store port, `concurrency` calls at a time, in order per
 * stream (a later batch of a stream waits for the earlier one). Every event is validated against
 * its zod schema first, as a command handler's append would be: the read models get what the
 * handlers would have written, not whatever a generator happened to produce.
 */
export class Appender {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #lastOfStream = new Map<string, Promise<void>>();
  #failure: unknown = null;
  events = 0;

  constructor(private readonly store: EventStore, private readonly concurrency: number) {}

  readonly append: Append = async (batch) => {
    if (this.#failure !== null) throw this.#failure;
    while (this.#inFlight.size >= this.concurrency) await Promise.race(this.#inFlight);
    const events = batch.events.map((e) => {
      if (!isEventType(e.type)) throw new Error(`unknown event type ${e.type}`);
      const { schemaVersion } = registry[e.type];
      decodeEvent(e.type, schemaVersion, e.data);
      return { eventId: randomUUID(), type: e.type, schemaVersion, data: e.data, metadata, occurredAt: new Date(`${e.on}T09:00:00+07:00`) };
    });
    const previous = this.#lastOfStream.get(batch.streamId);
    const task: Promise<void> = (async () => {
      if (previous) await previous;
      await this.store.appendToStream(batch.streamId, events);
      this.events += events.length;
    })().catch((err: unknown) => {
      this.#failure ??= err;
    }).finally(() => {
      this.#inFlight.delete(task);
      if (this.#lastOfStream.get(batch.streamId) === task) this.#lastOfStream.delete(batch.streamId);
    });
    this.#inFlight.add(task);
    this.#lastOfStream.set(batch.streamId, task);
  };

  async flush(): Promise<void> {
    await Promise.all(this.#inFlight);
    if (this.#failure !== null) throw this.#failure;
  }
}
