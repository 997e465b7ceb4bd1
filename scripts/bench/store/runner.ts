import { runConcurrently } from '../lib/concurrency.js';
import { timed } from '../lib/timing.js';
import { benchEvent, StreamCursors, writersFor, type BenchEvent, type Mode, type WorkloadSize } from './workload.js';

/** Where a single-event append goes and the version the writer expects the stream to be at. */
export interface AppendTarget {
  streamId: string;
  expectedVersion: bigint;
}

/** One event store (or the raw ceiling) as the workload drives it. */
export interface Contender {
  /** One event in one call (its own transaction). */
  appendOne(target: AppendTarget, event: BenchEvent): Promise<void>;
  /** Many events in one call, to a new stream. */
  appendBatch(streamId: string, events: readonly BenchEvent[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The workload's steps, each timed on its own so the suite can interleave contenders round by round.
 * Implemented in-process by `localRunner`, and over IPC for Emmett's child process.
 */
export interface Runner {
  readonly name: string;
  /** `count` single-event appends (one writer, or `writers` concurrent ones); resolves to elapsed ms. */
  singles(mode: Mode, count: number): Promise<number>;
  /** `count` batch appends of `batchSize` events; resolves to elapsed ms. */
  batches(count: number): Promise<number>;
  close(): Promise<void>;
}

export function localRunner(name: string, contender: Contender, size: WorkloadSize): Runner {
  const cursors = { seq: new StreamCursors('seq', size, 1), c8: new StreamCursors('c8', size, size.writers) };
  let batchNo = 0;
  return {
    name,
    singles: (mode, count) =>
      timed(() =>
        runConcurrently(count, writersFor(mode, size), async (_, writer) => {
          const { streamId, expectedVersion, n } = cursors[mode].next(writer);
          await contender.appendOne({ streamId, expectedVersion }, benchEvent(n));
        }),
      ),
    async batches(count) {
      const calls = Array.from({ length: count }, () => {
        const stream = `batch-${batchNo++}`;
        return { stream, events: Array.from({ length: size.batchSize }, (_, i) => benchEvent(i)) };
      });
      return timed(async () => {
        for (const call of calls) await contender.appendBatch(call.stream, call.events);
      });
    },
    close: () => contender.close(),
  };
}

/** Opens connections and compiles plans before anything is timed: a few appends per writer. */
export async function warmUp(contender: Contender, size: WorkloadSize): Promise<void> {
  await runConcurrently(size.writers * 4, size.writers, async (i) => {
    await contender.appendOne({ streamId: `warmup-${i}`, expectedVersion: 0n }, benchEvent(i));
  });
  await contender.appendBatch('warmup-batch', Array.from({ length: 10 }, (_, i) => benchEvent(i)));
}
