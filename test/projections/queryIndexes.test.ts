import { sql } from 'kysely';
import t from 'tap';
import { attendance } from '../../projections/attendance/projection.js';
import type { Executor, Projection } from '../../src/projections/Projection.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';
import { buildWorld } from './attendance.world.js';

const indexesOf = async (db: Executor, table: string) =>
  (await sql<{ name: string }>`SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                               WHERE i.indrelid = ${table}::regclass ORDER BY 1`.execute(db)).rows.map((r) => r.name.replace(/^.*__v\d+g\d+/, ''));

// Projection.queryIndexes: a build filled while another answers queries is written without the
// indexes only queries read, and gets them when promoted; the first build has them from the start.
t.test('a rebuild fills its tables without the query indexes and creates them at promotion', async (t) => {
  const seen: string[][] = [];
  const watched: Projection = {
    ...attendance,
    async apply(trx, events, tables, options) {
      await attendance.apply(trx, events, tables, options);
      seen.push([String(options?.deferDerived ?? false), ...(await indexesOf(trx, tables.attendance_visits!))]);
    },
  };
  const h = await openProjectionHarness([watched]);
  t.teardown(h.close);
  await h.given(...buildWorld().events);
  await h.project();
  const all = ['_cadre', '_dates', '_pkey', '_report'];
  t.same(seen, [['false', ...all]], 'the first build answers queries while it fills: every index from the start');
  const digest = await h.digest('attendance_visits', 'visit_id');

  seen.length = 0;
  await h.runner.rebuild('attendance');
  t.same(seen, [['true', '_pkey', '_report']], 'a rebuild fills with the key and the index its batches read by');
  const physical = (await sql<{ t: string }>`SELECT 'attendance_visits__v' || version || 'g' || generation AS t FROM projection_state
                                             WHERE name = 'attendance' AND status = 'active'`.execute(h.database.db)).rows[0]!.t;
  t.match(physical, /g2$/, 'the rebuilt generation is active');
  t.same(await indexesOf(h.database.db, physical), all, 'promoted with every index');
  t.equal(await h.digest('attendance_visits', 'visit_id'), digest, 'and the same rows');
});
