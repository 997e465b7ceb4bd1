import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import { encodeEvent } from '#events/registry.js';
import type { Projection } from '../../src/projections/Projection.js';
import { REBUILD_PAGE_SIZE } from '../../src/projections/ProjectionRunner.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';
import { settle } from '../helpers/settle.js';

// A rebuild's tables grow from nothing while its pages are applied; a table never analyzed is
// planned blind (README "Read models"), so the runner gives it statistics as it grows.
t.test('a rebuilding build has statistics from its second page on', async (t) => {
  /** Per batch: whether the table had statistics when the batch began (reltuples −1: never analyzed). */
  const analyzed: boolean[] = [];
  const probe: Projection<'statistics_probe_rows'> = {
    name: 'statistics-probe',
    version: 1,
    eventTypes: ['VisitLogged'],
    tables: { statistics_probe_rows: (p) => `CREATE TABLE ${p} (position bigint PRIMARY KEY)` },
    async apply(trx, events, tables) {
      const stats = await sql<{ reltuples: number }>`SELECT reltuples FROM pg_class WHERE oid = ${tables.statistics_probe_rows}::regclass`.execute(trx);
      analyzed.push(Number(stats.rows[0]!.reltuples) >= 0);
      await sql`INSERT INTO ${sql.table(tables.statistics_probe_rows)} (position) SELECT unnest(${events.map((e) => e.position.toString())}::bigint[])`.execute(trx);
    },
  };
  const h = await openProjectionHarness([probe]);
  t.teardown(h.close);
  const count = REBUILD_PAGE_SIZE + 500;
  const meta = { actor: 'test', role: 'admin', correlationId: null, causationId: null, requestId: null };
  for (let from = 0; from < count; from += 1000) {
    await h.store.appendToStream(`fieldwork-${from}`, Array.from({ length: Math.min(1000, count - from) }, () => {
      const visit = encodeEvent({ type: 'VisitLogged', data: {
        visitId: randomUUID(), cadreId: randomUUID(), unitCode: '02809', startDate: '2024-03-04', endDate: '2024-03-05', purposes: ['nắm tình hình'], activities: [{ kind: 'party-cell-meeting', date: '2024-03-04' }],
      } });
      return { eventId: randomUUID(), type: visit.type, schemaVersion: visit.schemaVersion, data: visit.data, metadata: meta, occurredAt: new Date('2024-03-05T00:00:00Z') };
    }));
  }
  await settle(h.store);
  analyzed.length = 0;
  await h.runner.rebuild('statistics-probe');
  t.same(analyzed, [false, true], 'two pages: the first on a new table, the second with statistics');
  t.equal(Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM statistics_probe_rows`.execute(h.database.db)).rows[0]!.n), count, 'every event once');
});
