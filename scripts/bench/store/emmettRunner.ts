import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Answer, RequestBody } from './emmettProtocol.js';
import type { Runner } from './runner.js';
import type { WorkloadSize } from './workload.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const runTs = resolve(here, '../../../bin/run-ts.js');

/**
 * Starts Emmett in a child process (it replaces pg's global type parsers) and drives it step by step,
 * so its rounds interleave with the other contenders'. The child times each step itself.
 */
export async function emmettRunner(connectionString: string, size: WorkloadSize): Promise<Runner> {
  // The child's stdout goes to our stderr: stdout is reserved for the report.
  const child = fork(runTs, [resolve(here, 'emmettChild.ts')], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  child.stdout?.pipe(process.stderr);
  const call = requester(child);
  try {
    await call({ op: 'open', connectionString, size });
  } catch (err) {
    child.kill();
    throw err;
  }
  return {
    name: 'emmett',
    singles: (mode, count) => call({ op: 'singles', mode, count }),
    batches: (count) => call({ op: 'batches', count }),
    async close() {
      await call({ op: 'close' }).catch(() => undefined);
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}

function requester(child: ChildProcess): (body: RequestBody) => Promise<number> {
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: number) => void; reject: (e: Error) => void }>();
  child.on('message', (answer: Answer) => {
    const p = pending.get(answer.id);
    pending.delete(answer.id);
    if (answer.ok) p?.resolve(answer.value);
    else p?.reject(new Error(`emmett child: ${answer.error}`));
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`emmett child exited with code ${code}`));
    pending.clear();
  });
  return (body) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...body, id });
    });
}
