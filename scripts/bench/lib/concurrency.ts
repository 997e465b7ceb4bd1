/**
 * Runs `task(index, worker)` for index 0..count-1 with at most `concurrency` in flight: each worker
 * takes the next index as soon as its previous task settles. A failure stops handing out new work
 * and rejects once the workers in flight have finished.
 */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number, worker: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (w: number): Promise<void> => {
    while (!failed && next < count) {
      const index = next++;
      try {
        await task(index, w);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(concurrency, count) }, (_, w) => worker(w)));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}
