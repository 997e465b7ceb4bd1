import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import { encodeEvent } from '#events/registry.js';
import type { Projection } from '../../src/projections/Projection.js';
import { REBUILD_PAGE_SIZE } from '../../src/projections/ProjectionRunner.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';
import { settle } from '../helpers/settle.js';

// A build's tables grow from nothing while it fills (a rebuild's pages, a first build catching up);
// a table never analyzed is planned blind (README "Read models"), so the runner gives it statistics
// as it grows: once its checkpoint passes 10,000, then 40,000, ...

/** A probe read model, and per batch whether its table had statistics when the batch began (reltuples −1: never analyzed). */
function statisticsProbe(): { probe: Projection<'statistics_probe_rows'>; analyzed: boolean[] } {
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
  return { probe, analyzed };
}

async function appendVisits(h: Awaited<ReturnType<typeof openProjectionHarness>>, count: number): Promise<void> {
  const meta = { actor: 'test', role: 'admin', correlationId: null, causationId: null, requestId: null };
  for (let from = 0; from < count; from += 1000) {
    await h.store.appendToStream(`fieldwork-${from}`, Array.from({ length: Math.min(1000, count - from) }, () => {
      const visit = encodeEvent({ type: 'VisitLogged', data: {
        visitId: randomUUID(), cadreId: randomUUID(), unitCode: '02809', startDate: '2024-03-04', endDate: '2024-03-05', purposes: ['nắm tình hình'],
        activities: [{ kind: 'party-cell-meeting', date: '2024-03-04' }],
      } });
      return { eventId: randomUUID(), type: visit.type, schemaVersion: visit.schemaVersion, data: visit.data, metadata: meta, occurredAt: new Date('2024-03-05T00:00:00Z') };
    }));
  }
  await settle(h.store);
}

t.test('a rebuilding build has statistics from its second page on', async (t) => {
  const { probe, analyzed } = statisticsProbe();
  const h = await openProjectionHarness([probe]);
  t.teardown(h.close);
  const count = REBUILD_PAGE_SIZE + 500;
  await appendVisits(h, count);
  await h.runner.rebuild('statistics-probe');
  t.same(analyzed, [false, true], 'two pages: the first on a new table, the second with statistics');
  t.equal(Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM statistics_probe_rows`.execute(h.database.db)).rows[0]!.n), count, 'every event once');
});

t.test('a first build catching up has statistics once its checkpoint passed 10,000', async (t) => {
  const { probe, analyzed } = statisticsProbe();
  const h = await openProjectionHarness([probe]);
  t.teardown(h.close);
  await appendVisits(h, 10_500);
  await h.runner.catchUp();
  // Batches of 2,000: the sixth starts after position 10,000.
  t.same(analyzed, [false, false, false, false, false, true]);
});

