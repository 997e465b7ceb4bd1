import type { Config } from '../config.js';
import type { Database } from '../db/Database.js';
import type { Ledger } from '../ledger/Ledger.js';
import type { PersonalDataVault } from '../ledger/postgres/personalData.js';
import type { Logger } from '../logger.js';
import type { ProjectionRunner } from '../projections/ProjectionRunner.js';
import type { EventStore } from '../store/EventStore.js';

/** What routes may use. Built once by the server (or a test) and handed to buildApp. */
export interface AppServices {
  config: Config;
  log: Logger;
  database: Database;
  store: EventStore;
  ledger: Ledger;
  /** Values behind personal-field commitments (the same vault as ledger.personalData). */
  personalData: PersonalDataVault;
  /** The read models' runner: status, and the checkpoints read-your-writes waits on. */
  projections: ProjectionRunner;
  /** How long a query given `minPosition=` waits for the read models (default 5000 ms; tests shorten it). */
  minPositionTimeoutMs?: number;
  /** The clock, injectable so tests can fix "today". */
  now(): Date;
}
