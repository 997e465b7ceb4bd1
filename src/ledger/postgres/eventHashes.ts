import { Worker } from 'node:worker_threads';
import { BASE64_HASH_LENGTH } from '../hashes.js';
import { LEAF_FORMAT_VERSION } from '../leafEnvelope.js';
import { EVENTS_PAGE_SQL, type LeafPaging } from './ledgerScan.js';

/** A page as the worker sends it (verifyWorker.js): two strings rather than 3 × n to clone. */
interface EventHashPage {
  count: number;
  /** Per event its position and its stream, each followed by NUL (PostgreSQL text holds none). */
  keys: string;
  /** Per event its leaf hash in base64, 44 characters (spaces where the leaf text could not be spliced). */
  hashes: string;
}

/**
 * The events of a verification read and hashed on a worker thread (verifyWorker.js), here one
 * stream across the worker's pages: `advance` moves to the next event of the current page,
 * `advanceAcross` waits for the next non-empty page; `matches` compares the current event with a
 * leaf and `current` spells it out for the exact path. `depth` pages are asked for ahead of the one
 * being read.
 */
export class EventHashes {
  #page: EventHashPage = { count: 0, keys: '', hashes: '' };
  #at = -1;
  /** Where the current event's key starts in `#page.keys`, and where the next one starts. */
  #key = 0;
  #nextKey = 0;
  #asked = 0;
  readonly #waiting: { resolve: (page: EventHashPage | null) => void; reject: (err: unknown) => void }[] = [];
  readonly #answers: Promise<EventHashPage | null>[] = [];
  #failed: unknown;
  readonly #worker: Worker;
  readonly #pages: number;

  constructor(connection: { url: string; schema: string; appRole: string }, paging: LeafPaging, originJson: string) {
    this.#pages = Number((paging.size + BigInt(paging.pageSize) - 1n) / BigInt(paging.pageSize));
    this.#worker = new Worker(new URL('./verifyWorker.js', import.meta.url), {
      execArgv: [],
      workerData: { ...connection, size: paging.size, pageSize: paging.pageSize, depth: paging.depth, originJson, sql: EVENTS_PAGE_SQL, leafFormatVersion: LEAF_FORMAT_VERSION },
    });
    this.#worker.on('message', (message: EventHashPage | null | { error: string }) => {
      const waiting = this.#waiting.shift();
      if (message !== null && 'error' in message) waiting?.reject(new Error(`verification worker: ${message.error}`));
      else waiting?.resolve(message);
    });
    this.#worker.on('error', (err) => this.#fail(err));
    this.#worker.on('exit', (code) => this.#fail(new Error(`the verification worker exited (code ${code})`)));
    for (let i = 0; i < paging.depth; i++) this.#ask();
  }

  /**
   * Whether the current event is at `position` in `stream` and its leaf text hashes to `hash`
   * (all as the leaf scan spells them), compared in place in the page's strings.
   */
  matches(position: string, stream: string, hash: string): boolean {
    const { keys, hashes } = this.#page;
    const at = this.#key;
    const streamAt = at + position.length + 1;
    return (
      hash.length === BASE64_HASH_LENGTH && hashes.startsWith(hash, this.#at * BASE64_HASH_LENGTH) &&
      keys.startsWith(position, at) && keys.charCodeAt(streamAt - 1) === 0 &&
      keys.startsWith(stream, streamAt) && streamAt + stream.length + 1 === this.#nextKey
    );
  }

  /** The current event's position and stream, for the exact path. */
  current(): { global_position: string; stream_id: string } {
    const keys = this.#page.keys;
    const end = keys.indexOf('\u0000', this.#key);
    return { global_position: keys.slice(this.#key, end), stream_id: keys.slice(end + 1, this.#nextKey - 1) };
  }

  advance(): boolean {
    if (++this.#at >= this.#page.count) return false;
    this.#key = this.#nextKey;
    this.#nextKey = this.#page.keys.indexOf('\u0000', this.#page.keys.indexOf('\u0000', this.#key) + 1) + 1;
    return true;
  }

  async advanceAcross(): Promise<boolean> {
    for (;;) {
      const answer = this.#answers.shift();
      if (!answer) return false;
      this.#ask();
      const page = await answer;
      if (page === null) return false;
      this.#page = page;
      this.#at = -1;
      this.#nextKey = 0;
      if (this.advance()) return true;
    }
  }

  async close(): Promise<void> {
    this.#worker.removeAllListeners('exit');
    this.#worker.postMessage('close');
    await this.#worker.terminate();
  }

  #ask(): void {
    if (this.#asked >= this.#pages) return;
    this.#asked++;
    const answer =
      this.#failed !== undefined
        ? Promise.reject(this.#failed)
        : new Promise<EventHashPage | null>((resolve, reject) => {
            this.#waiting.push({ resolve, reject });
            this.#worker.postMessage('next');
          });
    answer.catch(() => undefined);
    this.#answers.push(answer);
  }

  #fail(err: unknown): void {
    this.#failed ??= err;
    for (const w of this.#waiting.splice(0)) w.reject(this.#failed);
  }
}
