import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Database } from '../db/Database.js';
import type { Logger } from '../logger.js';
import type { EventStore } from '../store/EventStore.js';
import { loadOrCreateLedgerKey, type LedgerKey } from './postgres/ledgerKey.js';
import { LedgerReader } from './postgres/LedgerReader.js';
import { PersonalDataVault } from './postgres/personalData.js';
import { Sealer } from './postgres/Sealer.js';

/** The ledger as the rest of the app sees it: its key, the sealer, the reader, the personal-data vault. */
export interface Ledger {
  key: LedgerKey;
  sealer: Sealer;
  reader: LedgerReader;
  personalData: PersonalDataVault;
}

/** The origin line of checkpoints and the key's name when LEDGER_ORIGIN is not set. */
export function defaultOrigin(config: Pick<Config, 'DIABAN_SCHEMA'>): string {
  return `diaban.local/${config.DIABAN_SCHEMA}`;
}

/**
 * Opens the ledger: reads (or on first start generates) the signing key from LEDGER_KEY_FILE or
 * `<DIABAN_DATA_DIR>/ledger.key`, and checks it is this log's key. The sealer is not started here:
 * the server starts it; CLI commands seal on demand.
 */
export async function openLedger(database: Database, store: EventStore, config: Config, log: Logger): Promise<Ledger> {
  const keyFile = config.LEDGER_KEY_FILE ?? join(config.DIABAN_DATA_DIR, 'ledger.key');
  const key = loadOrCreateLedgerKey(keyFile, config.LEDGER_ORIGIN ?? defaultOrigin(config));
  const sealer = new Sealer(database, store, { key, log });
  await sealer.init();
  return { key, sealer, reader: new LedgerReader(database), personalData: new PersonalDataVault(database) };
}
