/**
 * Emmett's side of the store suite, in its own process (see emmettContender.ts). Speaks a small
 * request/answer protocol over the IPC channel with emmettRunner.ts.
 */
import { emmettContender } from './emmettContender.js';
import { localRunner, warmUp, type Runner } from './runner.js';
import type { Request, Answer } from './emmettProtocol.js';

let runner: Runner | undefined;

async function handle(request: Request): Promise<number> {
  switch (request.op) {
    case 'open': {
      const contender = await emmettContender(request.connectionString);
      await warmUp(contender, request.size);
      runner = localRunner('emmett', contender, request.size);
      return 0;
    }
    case 'singles':
      return opened().singles(request.mode, request.count);
    case 'batches':
      return opened().batches(request.count);
    case 'close':
      await opened().close();
      setImmediate(() => process.disconnect());
      return 0;
  }
}

function opened(): Runner {
  if (!runner) throw new Error('emmett runner not opened');
  return runner;
}

process.on('message', (request: Request) => {
  handle(request).then(
    (value) => process.send?.({ id: request.id, ok: true, value } satisfies Answer),
    (err: unknown) => process.send?.({ id: request.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Answer),
  );
});
