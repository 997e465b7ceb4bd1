import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { openRuntime, type Runtime } from '../runtime.js';

/**
 * Opens the runtime for one CLI command and always closes it. Logs go to stderr so that commands
 * printing a result (a token, a verification verdict) keep stdout for it alone.
 */
export async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, process.stderr);
  const runtime = await openRuntime(config, log);
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
