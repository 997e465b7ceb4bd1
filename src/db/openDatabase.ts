import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Database } from './Database.js';
import { openPglite } from './openPglite.js';
import { openPostgres } from './openPostgres.js';

/** DATABASE_URL set: that PostgreSQL server. Unset: embedded PGlite in DIABAN_DATA_DIR. */
export async function openDatabase(config: Config, log?: Logger): Promise<Database> {
  const names = { schema: config.DIABAN_SCHEMA, appRole: config.DIABAN_APP_ROLE };
  if (config.DATABASE_URL) {
    return openPostgres({ url: config.DATABASE_URL, ...names, ...(log ? { log } : {}) });
  }
  return openPglite({ dataDir: config.DIABAN_DATA_DIR, ...names, ...(log ? { log } : {}) });
}
