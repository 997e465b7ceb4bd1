import type { Subscription } from './EventStore.js';

/** Pauses before following the store again after a failure: doubling from initialMs up to maxMs. */
export interface RetryPolicy {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { initialMs: 1_000, maxMs: 30_000 };

/** The pause after `failures` failures in a row (from 1). */
export function pauseAfter(policy: RetryPolicy, failures: number): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** (failures - 1));
}

/** What a failed attempt reports: `'give up'` ends the following (the failure needs a person). */
export type FailureVerdict = 'retry' | 'give up';

export interface FollowOptions {
  /** Opens the subscription from where its follower stands now (a checkpoint, the sealed head). */
  open(): Promise<Subscription>;
  /** Whether the follower has been told to stop: no new attempt, no pause, failures not reported. */
  stopping(): boolean;
  /** Called for each failure with the failures in a row and the pause before the next attempt. */
  onFailure(err: unknown, failures: number, pauseMs: number): FailureVerdict;
  policy: RetryPolicy;
  pauses: Pauses;
}

/**
 * Follows the store through subscriptions until stopped: a subscription that fails (the database
 * away for a moment, a batch that failed) is opened again after a pause, so a live follower (a
 * read model, the ledger's sealer) does not stay behind until the process restarts. A subscription
 * that got somewhere before failing starts the pauses over. Resolves when a subscription ends
 * without failing (it was stopped), when stopping, or when `onFailure` gives up.
 */
export async function followWithRetry(o: FollowOptions): Promise<void> {
  for (let failures = 0; !o.stopping(); ) {
    let subscription: Subscription | undefined;
    let from: bigint | undefined;
    try {
      subscription = await o.open();
      from = subscription.position;
      await subscription.done;
      return;
    } catch (err) {
      if (o.stopping()) return;
      const moved = subscription !== undefined && from !== undefined && subscription.position > from;
      failures = moved ? 1 : failures + 1;
      const pauseMs = pauseAfter(o.policy, failures);
      if (o.onFailure(err, failures, pauseMs) === 'give up') return;
      await o.pauses.wait(pauseMs);
    }
  }
}

/** Waits that stop() can cut short: each follower's pause is woken by `wakeAll`. */
export class Pauses {
  readonly #pausing = new Set<() => void>();

  /** Waits `ms`, or less if `wakeAll` is called meanwhile. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#pausing.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#pausing.add(wake);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.#pausing]) wake();
  }
}

/**
 * The start() and stop() of a live follower, taken one at a time in call order. A start() while a
 * stop() is pending waits for it: the stopping follower, waking from a pause to find its flag
 * cleared, would otherwise follow on beside the new one. A start() of a running follower does
 * nothing: a second follower would be one stop() cannot reach.
 */
export class FollowerLifecycle {
  #turn: Promise<unknown> = Promise.resolve();
  #running = false;

  /** Runs `begin` unless running already; running from when it succeeds. */
  start(begin: () => Promise<void>): Promise<void> {
    return this.#take(async () => {
      if (this.#running) return;
      await begin();
      this.#running = true;
    });
  }

  /** Runs `end` (also when not running: it must be harmless then); not running afterwards. */
  stop(end: () => Promise<void>): Promise<void> {
    return this.#take(async () => {
      this.#running = false;
      await end();
    });
  }

  #take(step: () => Promise<void>): Promise<void> {
    const run = this.#turn.then(step);
    this.#turn = run.catch(() => undefined);
    return run;
  }
}
