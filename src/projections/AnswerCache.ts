import type { Executor } from './Projection.js';
import { readModelStamp } from './readModelStamp.js';

/** Answers kept per database; the oldest go first past this many (a bound, not a policy). */
const MAX_ANSWERS = 256;

/**
 * Dashboard answers kept under the stamp of the read models they are read from (readModelStamp):
 * asked again with the same parameters while those read models did not change, the answer is the
 * one worked out before. The stamp is read before the answer, so a kept answer is never older than
 * its stamp. For read models read more often than they change: coverage (assignments and
 * units), recommendations, evaluations, which the visits logged all day do not touch; attendance
 * and reports, which every visit moves, between visits (a province logs a few hundred a day; its
 * dashboards are read again in the minutes between). Answers are shared between requests:
 * callers must not change them.
 */
export class AnswerCache {
  readonly #answers = new Map<string, unknown>();

  async answer<T>(db: Executor, readModels: readonly string[], parameters: string, compute: () => Promise<T>): Promise<T> {
    const { stamp, complete } = await readModelStamp(db, readModels);
    // A read model without an active build names nothing to keep an answer under.
    if (!complete) return compute();
    const key = `${readModels.join(',')}|${stamp}|${parameters}`;
    if (this.#answers.has(key)) {
      const kept = this.#answers.get(key) as T;
      // Most recently used last: the first key is the one to drop.
      this.#answers.delete(key);
      this.#answers.set(key, kept);
      return kept;
    }
    const answer = await compute();
    this.#answers.set(key, answer);
    if (this.#answers.size > MAX_ANSWERS) this.#answers.delete(this.#answers.keys().next().value!);
    return answer;
  }

  get size(): number {
    return this.#answers.size;
  }
}

const caches = new WeakMap<object, AnswerCache>();

/** The cache of answers read from `database` (one per database: tests run several in a process). */
export function answerCacheOf(database: object): AnswerCache {
  let cache = caches.get(database);
  if (cache === undefined) {
    cache = new AnswerCache();
    caches.set(database, cache);
  }
  return cache;
}
