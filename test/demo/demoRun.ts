import { seedDemo, type SeedDemoResult } from '../../src/demo/seedDemo.js';
import { canonicalize } from '../../src/ledger/jcs.js';
import { PersonalDataVault } from '../../src/ledger/postgres/personalData.js';
import { PostgresEventStore } from '../../src/store/postgres/PostgresEventStore.js';
import type { Database } from '../../src/db/Database.js';
import { databaseKind, openTestDatabase } from '../helpers/testDatabase.js';
import { historyDigest } from './historyDigest.js';
import { settle } from '../helpers/settle.js';

export interface DemoRun {
  readonly result: SeedDemoResult;
  readonly digest: string;
  readonly lines: string[];
  readonly database: Database;
  close(): Promise<void>;
}

/** seed-demo (small) on a fresh test database, and the digest of what it recorded. */
export async function demoRun(options: { seed: number; today?: string }): Promise<DemoRun> {
  const database = await openTestDatabase();
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  const result = await seedDemo({
    store, database, seed: options.seed, scale: 'small', concurrency: databaseKind === 'postgres' ? 8 : 1,
    ...(options.today ? { today: options.today } : {}),
  });
  await settle(store);
  const { digest, lines } = await historyDigest(store, new PersonalDataVault(database));
  return {
    result, digest, lines, database,
    async close() {
      await store.close();
      await database.close();
    },
  };
}
