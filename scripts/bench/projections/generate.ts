import { Random } from '../../../src/demo/random.js';
import { yearOf } from '../../../src/domain/time.js';
import type { EventStore } from '../../../src/store/EventStore.js';
import { progress } from '../lib/log.js';
import { cadreYear, EVENTS_PER_VISIT, evaluationsOf } from './fieldwork.js';
import { appendProvince } from './province.js';
import { Appender, type PlannedEvent, type StreamBatch } from './streamBatch.js';

export interface GenerateOptions {
  /** Events to aim at; the log lands near it (the current year is cut at today). */
  events: number;
  cadres: number;
  /** First year of trips; they run to the day before `today`. */
  fromYear: number;
  today: string;
  seed: number;
}

/**
 * Events of many streams, held by the month they happened in until that month is written. A
 * visit's confirmation, report and recommendation come days or weeks after it: appended month by
 * month, they land in later positions than the visit, among other cadres' events, as in a live
 * log, so a rebuild meets rows written many batches earlier (appending each stream at once would
 * keep a visit's events together and flatter batching).
 */
class MonthBuckets {
  readonly #months = new Map<string, Map<string, PlannedEvent[]>>();

  add(batch: StreamBatch): void {
    for (const e of batch.events) {
      const month = e.on.slice(0, 7);
      const streams = this.#months.get(month) ?? new Map<string, PlannedEvent[]>();
      this.#months.set(month, streams);
      streams.set(batch.streamId, [...(streams.get(batch.streamId) ?? []), e]);
    }
  }

  /** Appends every month up to `until` (YYYY-MM) in order, each stream's events of a month in one call. */
  async flush(appender: Appender, until: string): Promise<void> {
    for (const month of [...this.#months.keys()].filter((m) => m <= until).sort()) {
      for (const [streamId, events] of this.#months.get(month)!) await appender.append({ streamId, events });
      this.#months.delete(month);
    }
  }
}

/**
 * Writes a province's history through the store port: the context streams first, then year by
 * year every cadre's trips, the recommendations they raise and December's evaluations, month by
 * month (see MonthBuckets), 8 appends at a time. The ledger's sealer does not run: sealing is the
 * ledger bench's subject, not the read models'.
 */
export async function generateHistory(store: EventStore, o: GenerateOptions): Promise<number> {
  const random = new Random(o.seed);
  // 8 writers: most appends are a few events, and commits group (the store bench's c8 figure).
  const appender = new Appender(store, 8);
  const province = await appendProvince(appender.append, random, o.cadres);
  await appender.flush();
  const years = yearOf(o.today) - o.fromYear + 1;
  const context = appender.events + years * (province.communes.length + o.cadres);
  const visitsPerCadreYear = Math.max(1, Math.round((o.events - context) / EVENTS_PER_VISIT / (o.cadres * years)));
  progress(`context: ${appender.events} events; ${o.cadres} cadres × ${years} years × ~${visitsPerCadreYear} trips`);
  const buckets = new MonthBuckets();
  for (let year = o.fromYear; year <= yearOf(o.today); year++) {
    for (const cadre of province.cadres) {
      const { fieldwork, recommendations } = cadreYear(random, province, cadre, year, visitsPerCadreYear, o.today);
      buckets.add(fieldwork);
      for (const r of recommendations) buckets.add(r);
    }
    if (`${year}-12-20` < o.today) for (const batch of evaluationsOf(random, province, year)) buckets.add(batch);
    // Later years add nothing before their own January: everything up to this December is final.
    await buckets.flush(appender, `${year}-12`);
    progress(`  ${year}: ${appender.events} events`);
  }
  await buckets.flush(appender, '9999-12');
  await appender.flush();
  return appender.events;
}
