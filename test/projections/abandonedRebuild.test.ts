import { sql } from 'kysely';
import t from 'tap';
import { evaluations } from '../../projections/evaluations/projection.js';
import type { Projection } from '../../src/projections/Projection.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';
import { buildWorld, evaluationEvents } from './attendance.world.js';

// A rebuild that dies half-way leaves a 'building' build and its tables. The next rebuild retires
// it and must drop those tables too, or every crashed rebuild leaves a copy of the read model behind.
t.test('a rebuild drops the tables of an abandoned one', async (t) => {
  let failing = false;
  const flaky: Projection = {
    ...evaluations,
    async apply(trx, events, tables, options) {
      if (failing) throw new Error('crash during the rebuild');
      await evaluations.apply(trx, events, tables, options);
    },
  };
  const h = await openProjectionHarness([flaky]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  await h.given(...events, ...evaluationEvents(ids).events);
  await h.project();
  const tablesOf = async () => (await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_name LIKE 'evaluations_%' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(h.database.db)).rows.map((r) => r.name);
  const live = await tablesOf();
  t.ok(live.every((n) => n.endsWith('g1')), `one build: ${live.join(', ')}`);

  failing = true;
  await t.rejects(h.runner.rebuild('evaluations'), { message: 'crash during the rebuild' });
  t.ok((await tablesOf()).some((n) => n.endsWith('g2')), 'the crashed rebuild left its tables');

  failing = false;
  const digest = await h.digest('evaluations_cadres', 'evaluation_id');
  await h.runner.rebuild('evaluations');
  const after = await tablesOf();
  t.same(after, live.map((n) => n.replace(/g1$/, 'g3')), 'only the new build remains');
  t.equal(await h.digest('evaluations_cadres', 'evaluation_id'), digest, 'with the same rows');
});
