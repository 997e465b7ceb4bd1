import { randomUUID } from 'node:crypto';
import type { Database } from '../db/Database.js';
import { verifyLedger, type VerifyFailure } from './postgres/verifyLedger.js';

export interface VerificationJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  done: bigint;
  total: bigint;
  ok?: boolean;
  leaves?: bigint;
  failure?: VerifyFailure;
  error?: string;
  startedAt: Date;
}

/**
 * Full-ledger verification runs for the dashboard's button: one at a time (a second request joins
 * the running job), progress readable while it runs, the last few results kept in memory.
 */
export class VerificationJobs {
  readonly #jobs = new Map<string, VerificationJob>();
  #running: VerificationJob | undefined;

  constructor(private readonly database: Database) {}

  start(): VerificationJob {
    if (this.#running) return this.#running;
    const job: VerificationJob = { id: randomUUID(), state: 'running', done: 0n, total: 0n, startedAt: new Date() };
    this.#running = job;
    this.#jobs.set(job.id, job);
    for (const old of [...this.#jobs.keys()].slice(0, -10)) this.#jobs.delete(old);
    void verifyLedger(this.database, {
      onProgress: (done, total) => {
        job.done = done;
        job.total = total;
      },
    })
      .then((result) => Object.assign(job, { state: 'done', ok: result.ok, leaves: result.leaves, done: result.leaves, ...(result.failure ? { failure: result.failure } : {}) }))
      .catch((err: unknown) => Object.assign(job, { state: 'failed', ok: false, error: (err as Error).message }))
      .finally(() => {
        this.#running = undefined;
      });
    return job;
  }

  get(id: string): VerificationJob | undefined {
    return this.#jobs.get(id);
  }
}
