import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/Database.js';
import { buildApp } from '../../src/http/buildApp.js';
import { createLogger } from '../../src/logger.js';
import { canonicalize } from '../../src/ledger/jcs.js';
import { openLedger, type Ledger } from '../../src/ledger/Ledger.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore } from '../../src/store/postgres/PostgresEventStore.js';
import { ProjectionRunner } from '../../src/projections/ProjectionRunner.js';
import { allProjections } from '../../projections/index.js';
import { openTestDatabase } from './testDatabase.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  store: PostgresEventStore;
  ledger: Ledger;
  projections: ProjectionRunner;
  close(): Promise<void>;
}

/** The real app over a fresh test database, for app.inject() tests. */
/**
 * `startProjections`: follow the store live, as the server does (read-model route tests). Off by
 * default: the runner is built (status answers) but other tests do not pay for the read models.
 */
export async function openTestApp(options: { now?: () => Date; startProjections?: boolean; minPositionTimeoutMs?: number } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  const log = createLogger('silent');
  // A fresh key per app, in a temporary directory; the sealer is driven by tests (sealPending).
  const config = loadConfig({ DIABAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'diaban-app-')) });
  const ledger = await openLedger(database, store, config, log);
  const projections = new ProjectionRunner(database, store, allProjections, log);
  if (options.startProjections) await projections.start();
  const app = await buildApp({
    config,
    log,
    database,
    store,
    ledger,
    personalData: ledger.personalData,
    projections,
    ...(options.minPositionTimeoutMs === undefined ? {} : { minPositionTimeoutMs: options.minPositionTimeoutMs }),
    now: options.now ?? (() => new Date()),
  });
  return {
    app,
    database,
    store,
    ledger,
    projections,
    async close() {
      await app.close();
      await projections.stop();
      await ledger.sealer.stop();
      await store.close();
      await database.close();
    },
  };
}
