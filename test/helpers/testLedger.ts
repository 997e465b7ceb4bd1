import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/Database.js';
import { canonicalize } from '../../src/ledger/jcs.js';
import { loadOrCreateLedgerKey, type LedgerKey } from '../../src/ledger/postgres/ledgerKey.js';
import { Sealer } from '../../src/ledger/postgres/Sealer.js';
import type { NewEvent } from '../../src/store/EventStore.js';
import { PostgresEventStore } from '../../src/store/postgres/PostgresEventStore.js';
import { openTestDatabase } from './testDatabase.js';

export interface TestLedger {
  database: Database;
  store: PostgresEventStore;
  key: LedgerKey;
  sealer: Sealer;
  close(): Promise<void>;
}

/** A fresh database with a store writing JCS data and a sealer with a fresh key. */
export async function openTestLedger(origin = 'test.diaban/log'): Promise<TestLedger> {
  const database = await openTestDatabase();
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  const key = loadOrCreateLedgerKey(join(mkdtempSync(join(tmpdir(), 'diaban-key-')), 'ledger.key'), origin);
  const sealer = new Sealer(database, store, { key, checkpointIntervalMs: 50 });
  await sealer.init();
  return {
    database,
    store,
    key,
    sealer,
    async close() {
      await sealer.stop();
      await store.close();
      await database.close();
    },
  };
}

export function testEvent(type: string, data: unknown, actor = 'cadre-1'): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor, role: 'cadre', correlationId: null, causationId: null, requestId: null },
    occurredAt: new Date('2025-03-14T00:00:00.000Z'),
  };
}
