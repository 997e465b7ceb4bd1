import { sql } from 'kysely';
import t from 'tap';
import { directory } from '../../projections/directory/projection.js';
import { evaluations } from '../../projections/evaluations/projection.js';
import { unitLineage } from '../../projections/unitLineage/projection.js';
import type { Projection } from '../../src/projections/Projection.js';
import { ProjectionRunner } from '../../src/projections/ProjectionRunner.js';
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

// Several read models rebuild together, each at its own pace in its own transactions: one failing
// must fail the rebuild with its error, leave nothing of its failed page (rows and checkpoint go
// together), keep its views on the old build, and let the others finish or stop cleanly.
t.test('one of several read models failing in a rebuild: its error, nothing half-applied, the old build still read', async (t) => {
  let failing = false;
  const flaky: Projection = {
    ...evaluations,
    async apply(trx, events, tables, options) {
      await evaluations.apply(trx, events, tables, options);
      if (failing) throw new Error('crash after writing the rows');
    },
  };
  const h = await openProjectionHarness([flaky, unitLineage, directory]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  await h.given(...events, ...evaluationEvents(ids).events);
  await h.project();
  const digest = await h.digest('evaluations_cadres', 'evaluation_id');
  const units = await h.digest('units', 'code');

  failing = true;
  await t.rejects(h.runner.rebuildMany(['evaluations', 'unit-lineage', 'directory']), { message: 'crash after writing the rows' });
  const states = (await sql<{ name: string; generation: number; position: string; status: string }>`
    SELECT name, generation, position::text AS position, status FROM projection_state ORDER BY name, generation`.execute(h.database.db)).rows;
  const failed = states.find((s) => s.name === 'evaluations' && s.generation === 2);
  t.same([failed?.status, failed?.position], ['building', '0'], 'the failed build: not promoted, its checkpoint where it was');
  const rowsOfFailed = (await sql<{ n: string }>`SELECT count(*)::text AS n FROM evaluations_cadres__v${sql.raw(String(evaluations.version))}g2`.execute(h.database.db)).rows[0]!.n;
  t.equal(rowsOfFailed, '0', 'and none of the rows its failed page wrote');
  t.equal(await h.digest('evaluations_cadres', 'evaluation_id'), digest, 'queries still read the old build');
  for (const s of states.filter((x) => x.name !== 'evaluations')) t.not(s.status, 'building', `${s.name} g${s.generation}: promoted or retired, not left half-way`);

  failing = false;
  await h.runner.rebuildMany(['evaluations', 'unit-lineage', 'directory']);
  t.equal(await h.digest('evaluations_cadres', 'evaluation_id'), digest, 'a later rebuild gives the same rows');
  t.equal(await h.digest('units', 'code'), units, 'and the same units');
});

// A promoted build is vacuumed once the promotion commits (all-visible pages for index-only scans;
// whether VACUUM can mark them depends on every other transaction of the cluster, so the test
// checks that it ran on every table, not its effect).
t.test('a rebuilt read model has each of its new tables vacuumed once promoted', async (t) => {
  const h = await openProjectionHarness([evaluations]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  await h.given(...events, ...evaluationEvents(ids).events);
  await h.project();
  const vacuumed: string[] = [];
  const log = { debug: (o: { table?: string }, message: string) => { if (message === 'vacuumed after promotion' && o.table) vacuumed.push(o.table); },
    info: () => undefined, warn: () => undefined, error: () => undefined } as never;
  const runner = new ProjectionRunner(h.database, h.store, [evaluations], log);
  await runner.rebuild('evaluations');
  const generation = (await sql<{ g: number }>`SELECT generation AS g FROM projection_state WHERE name = 'evaluations' AND status = 'active'`.execute(h.database.db)).rows[0]!.g;
  t.same(vacuumed.sort(), Object.keys(evaluations.tables).map((l) => `${l}__v${evaluations.version}g${generation}`).sort(), 'every table of the new build, once');
});
