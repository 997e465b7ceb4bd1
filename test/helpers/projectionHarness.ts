import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { encodeEvent, type DomainEvent } from '#events/registry.js';
import type { Database } from '../../src/db/Database.js';
import { canonicalize } from '../../src/ledger/jcs.js';
import type { Projection } from '../../src/projections/Projection.js';
import { ProjectionRunner } from '../../src/projections/ProjectionRunner.js';
import { PostgresEventStore } from '../../src/store/postgres/PostgresEventStore.js';
import { openTestDatabase } from './testDatabase.js';

export interface Given {
  stream: string;
  event: DomainEvent;
  occurredAt?: string;
  actor?: string;
}

/**
 * Given events → when projected → then rows: appends domain events (validated by the registry) to
 * a fresh store, and runs the projections to the head. Works on PostgreSQL and PGlite alike.
 */
export async function openProjectionHarness(projections: readonly Projection[]) {
  const database: Database = await openTestDatabase();
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  const runner = new ProjectionRunner(database, store, projections);
  await runner.ensureBuilds();
  let lastAppended = 0n;
  return {
    database,
    store,
    runner,
    async given(...events: Given[]): Promise<bigint> {
      let last = 0n;
      for (const g of events) {
        const encoded = encodeEvent(g.event);
        const r = await store.appendToStream(g.stream, [{
          eventId: randomUUID(), type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data,
          metadata: { actor: g.actor ?? 'test', role: 'admin', correlationId: null, causationId: null, requestId: null },
          occurredAt: new Date(`${g.occurredAt ?? '2024-01-01'}T00:00:00Z`),
        }]);
        last = r.positions[0]!;
      }
      lastAppended = last > lastAppended ? last : lastAppended;
      return last;
    },
    async project(): Promise<void> {
      // Readers see an event once no older transaction in the cluster is still running (README
      // "Ordering guarantee"); parallel test files can hold that back for a moment.
      while ((await store.headPosition()) < lastAppended) await new Promise((r) => setTimeout(r, 10));
      await runner.catchUp();
    },
    /** A digest of a table's rows (order-independent), to compare a live build with a rebuild. */
    async digest(view: string, orderBy: string): Promise<string> {
      const r = await sql<{ d: string }>`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY ${sql.raw(orderBy)}), '')) AS d FROM ${sql.table(view)} t`.execute(database.db);
      return r.rows[0]!.d;
    },
    async close(): Promise<void> {
      await runner.stop();
      await store.close();
      await database.close();
    },
  };
}
