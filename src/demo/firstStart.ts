import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Runtime } from '../runtime.js';
import { DEMO_TOKENS_FILE, formatDemoTokens, writeDemoTokens } from './demoTokens.js';
import { seedWithProgress, type SeededDemo } from './seedWithProgress.js';

/**
 * DIABAN_DEMO unset: the demo goes into an empty embedded database only, the `npm start` case; an
 * empty PostgreSQL database is more likely a new production one, which must not get made-up
 * history unless DIABAN_DEMO=1 asks for it.
 */
export function demoWanted(runtime: Runtime): boolean {
  const setting = runtime.config.DIABAN_DEMO;
  return setting === undefined ? runtime.database.kind === 'pglite' : setting === '1';
}

/**
 * `serve` on a fresh machine: an empty database (no events) gets the small demo, so that
 * `npm start` shows a working system. A database with any event is never touched.
 */
export async function firstStartDemo(runtime: Runtime): Promise<SeededDemo | null> {
  if ((await runtime.store.committedPosition()) > 0n) return null;
  runtime.log.info('empty database: seeding the demo history (diaban serve --no-demo or DIABAN_DEMO=0 to skip)');
  return seedWithProgress(runtime, { scale: 'small' });
}

/** Just seeded: the tokens (the file rewritten with the URL). Seeded before: where the file is. */
export async function demoTokensText(runtime: Runtime, seeded: SeededDemo | null, url: string): Promise<string> {
  if (seeded !== null) {
    const file = { ...seeded.file, url };
    return formatDemoTokens(file, await writeDemoTokens(runtime.config.DIABAN_DATA_DIR, file));
  }
  const path = join(runtime.config.DIABAN_DATA_DIR, DEMO_TOKENS_FILE);
  const exists = await access(path).then(() => true, () => false);
  return exists ? `demo tokens (seeded on the first start): ${path}\n` : '';
}
