import { sql } from 'kysely';
import type { Database } from '../../src/db/Database.js';
import { Sealer } from '../../src/ledger/postgres/Sealer.js';
import type { LedgerKey } from '../../src/ledger/postgres/ledgerKey.js';
import type { EventStore } from '../../src/store/EventStore.js';
import { sealCommitted } from '../../src/ledger/postgres/sealCommitted.js';

/** Bypasses the immutability triggers as the superuser, as an attacker with database access would (as in sealer.test.ts). */
export async function tamper(database: Database, ...statements: string[]): Promise<void> {
  await database.withOwner(async (db) => {
    // One session (withOwner holds it): replica mode skips the triggers for these statements only.
    await sql.raw('SET session_replication_role = replica').execute(db);
    try {
      for (const statement of statements) await sql.raw(statement).execute(db);
    } finally {
      await sql.raw('SET session_replication_role = origin').execute(db);
    }
  });
}

/**
 * The attack witnesses and old bundles exist for: someone holding the database and the log key
 * changes an event, throws the whole Merkle log and its checkpoints away, and has the log re-seal
 * and re-sign the altered history. `diaban verify` alone would pass afterwards.
 */
export async function rewriteHistory(database: Database, store: EventStore, key: LedgerKey, position: number): Promise<Sealer> {
  await tamper(
    database,
    `UPDATE events SET data = replace(data, '"i":', '"i":1') WHERE global_position = ${position}`,
    'DELETE FROM ledger_cosignatures',
    'DELETE FROM ledger_checkpoints',
    'DELETE FROM ledger_nodes',
    'DELETE FROM ledger_leaves',
  );
  const sealer = new Sealer(database, store, { key });
  await sealCommitted(database, sealer);
  await sealer.checkpoint();
  return sealer;
}
