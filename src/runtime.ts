import type { Config } from './config.js';
import type { Database } from './db/Database.js';
import { openDatabase } from './db/openDatabase.js';
import type { Logger } from './logger.js';
import type { EventStore } from './store/EventStore.js';
import { canonicalize } from './ledger/jcs.js';
import { openLedger, type Ledger } from './ledger/Ledger.js';
import { PostgresEventStore } from './store/postgres/PostgresEventStore.js';
import { ProjectionRunner } from './projections/ProjectionRunner.js';
import { allProjections } from '#projections/index.js';

/** The long-lived parts every entry point (server, CLI commands) opens the same way. */
export interface Runtime {
  config: Config;
  log: Logger;
  database: Database;
  store: EventStore;
  ledger: Ledger;
  /** Keeps the read models up to date; the server starts it, `diaban project` runs it alone. */
  projections: ProjectionRunner;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, log: Logger): Promise<Runtime> {
  const database = await openDatabase(config, log.child({ component: 'db' }));
  // Event data is stored as RFC 8785 canonical JSON: the bytes the ledger hashes, and values JCS
  // cannot represent faithfully are refused at append time instead of at sealing time.
  const store = new PostgresEventStore(database, { serialize: canonicalize, log: log.child({ component: 'store' }) });
  const ledger = await openLedger(database, store, config, log.child({ component: 'ledger' }));
  const projections = new ProjectionRunner(database, store, allProjections, log.child({ component: 'projections' }));
  return {
    config,
    log,
    database,
    store,
    ledger,
    projections,
    async close() {
      await projections.stop();
      await ledger.sealer.stop();
      await store.close();
      await database.close();
    },
  };
}
