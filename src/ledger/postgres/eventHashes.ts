import { Worker } from 'node:worker_threads';
import { LEAF_FORMAT_VERSION } from '../leafEnvelope.js';
import { EVENTS_PAGE_SQL, type LeafPaging } from './ledgerScan.js';

interface EventHashPage {
  positions: string[];
  streams: string[];
  hashes: (string | null)[];
}

/**
 * The events of a verification read and hashed on a worker thread (verifyWorker.js), here one
 * stream across the worker's pages: `advance` moves to the next event of the current page,
 * `advanceAcross` waits for the next non-empty page; `position`, `stream` and `hash` describe the
 * current event. `depth` pages are asked for ahead of the one being read.
 */
export class EventHashes {
  #page: EventHashPage = { positions: [], streams: [], hashes: [] };
  #at = -1;
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

  get position(): string {
    return this.#page.positions[this.#at]!;
  }

  get stream(): string {
    return this.#page.streams[this.#at]!;
  }

  get hash(): string | null {
    return this.#page.hashes[this.#at]!;
  }

  advance(): boolean {
    return ++this.#at < this.#page.positions.length;
  }

  async advanceAcross(): Promise<boolean> {
    for (;;) {
      const answer = this.#answers.shift();
      if (!answer) return false;
      this.#ask();
      const page = await answer;
      if (page === null) return false;
      this.#page = page;
      this.#at = 0;
      if (page.positions.length > 0) return true;
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
