/**
 * The server the dashboard figures are measured against, in a process of its own so that
 * autocannon (in the bench's process) does not share its event loop. It is `diaban serve` without
 * the demo and without the ledger's sealer: sealing a million events is the ledger bench's
 * subject, and would compete for the two cores while the routes are measured. The read models
 * follow the store live, as in `serve`. Prints `{"port": n}` on stdout once listening; SIGTERM
 * closes it.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { openRuntime } from '../../../src/runtime.js';
import { appOf } from '../../../src/server.js';

const config = loadConfig();
const runtime = await openRuntime(config, createLogger(config.LOG_LEVEL, process.stderr));
const app = await appOf(runtime);
await runtime.projections.start();
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port })}\n`);
process.once('SIGTERM', () => {
  void app.close().then(() => runtime.close()).then(() => process.exit(0));
});
