import { sql } from 'kysely';
import t from 'tap';
import { evaluations } from '../../projections/evaluations/projection.js';
import { recommendations } from '../../projections/recommendations/projection.js';
import { queryRecommendations } from '../../projections/recommendations/queries.js';
import { loadContextIn } from '../../projections/attendance/contextQueries.js';
import { movedByContext } from '../../projections/reports/due.js';
import { reports } from '../../projections/reports/projection.js';
import { queryReports } from '../../projections/reports/queries.js';
import type { Database } from '../../src/db/Database.js';
import type { Projection } from '../../src/projections/Projection.js';
import { buildsOf } from '../../src/projections/ProjectionRunner.js';
import { physicalTables } from '../../src/projections/tableNames.js';
import { openProjectionHarness, type Given } from '../helpers/projectionHarness.js';
import { buildWorld, evaluationEvents, lateVisit, recommendationEvents } from './attendance.world.js';

// A unit or agency renamed moves nothing the pre-counted rows hold (codes, ids, dates; a rename
// leaves a unit's level and parents as they were), so it must rewrite none of them: a rewrite of
// every due row and every recommendation took 35 and 4 s at 1M events and left as many dead rows. A
// unit event that does move communes still recounts, and only the rows it moved are written again.
// Whether a row was written is read off its xmin (the transaction that wrote its version).

const all = { kind: 'all' } as const;

/** The physical table of a read model's active build (a view has no xmin). */
async function buildTable(database: Database, projection: Projection, logical: string): Promise<string> {
  const active = (await buildsOf(database.db, projection.name)).find((b) => b.status === 'active');
  if (active === undefined) throw new Error(`${projection.name} has no active build`);
  return physicalTables(projection, active.version, active.generation)[logical]!;
}

/** Each row's key (an SQL expression) and the transaction that wrote it, from the active build's table. */
async function writers(database: Database, projection: Projection, logical: string, key: string): Promise<Map<string, string>> {
  const rows = await sql<{ k: string; x: string }>`SELECT (${sql.raw(key)})::text AS k, xmin::text AS x FROM ${sql.table(await buildTable(database, projection, logical))}`.execute(database.db);
  return new Map(rows.rows.map((r) => [r.k, r.x]));
}

const renames = (ids: ReturnType<typeof buildWorld>['ids']): Given[] => [
  { stream: 'unit-02809', event: { type: 'UnitRenamed', data: { code: '02809', name: 'Xã Mường Hum', type: 'Xã', effectiveDate: '2024-06-01' } } },
  { stream: `agency-${ids.agencyA}`, event: { type: 'AgencyRenamed', data: { agencyId: ids.agencyA, name: 'Sở Nội vụ', effectiveDate: '2024-06-01' } } },
];

/** Commune 02812 moved from district 080 (province 15) straight under province 10, from the start. */
const reparented: Given = {
  stream: 'unit-02812', event: { type: 'UnitReparented', data: { code: '02812', parentCode: '10', previousParentCode: '080', effectiveDate: '2000-01-01' } },
};

t.test('reports: a rename rewrites no due row; a reparenting rewrites only the moved ones, as a rebuild has them', async (t) => {
  const h = await openProjectionHarness([reports]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  await h.given(...events, lateVisit(ids));
  await h.project();
  const ask = () => queryReports(h.database.db, { year: 2024, today: '2025-06-30', scope: all, limit: 100, offset: 0 });
  const before = await writers(h.database, reports, 'reports_due', 'visit_id');
  const answer = await ask();
  t.ok(before.size >= 5, `${before.size} due rows`);

  await h.given(...renames(ids));
  await h.project();
  t.same(await writers(h.database, reports, 'reports_due', 'visit_id'), before, 'no due row written again');
  t.same(await ask(), answer, 'the same answer');

  await h.given(reparented);
  await h.project();
  const after = await writers(h.database, reports, 'reports_due', 'visit_id');
  const moved = answer.rows.filter((r) => r.unitCode === '02812').map((r) => r.visitId);
  t.ok(moved.length > 0, 'visits at the commune moved');
  for (const id of moved) t.not(after.get(id), before.get(id), `visit ${id} at the moved commune recounted`);
  const others = [...before.keys()].filter((id) => !moved.includes(id));
  t.ok(others.length >= 3, `${others.length} visits elsewhere`);
  for (const id of others) t.equal(after.get(id), before.get(id), `visit ${id} elsewhere left as it was`);
  const inTen = (await queryReports(h.database.db, { year: 2024, provinceCode: '10', today: '2025-06-30', scope: all, limit: 100, offset: 0 })).rows.map((r) => r.visitId);
  for (const id of moved) t.ok(inTen.includes(id), `visit ${id} now in province 10`);

  const live = [await h.digest('reports_due', 'visit_id'), await h.digest('reports_rates', 'year, by_agency, key, province_code, agency_province_code'), await h.digest('reports_summary_days', 'province_key, day')];
  await h.runner.rebuild('reports');
  t.same([await h.digest('reports_due', 'visit_id'), await h.digest('reports_rates', 'year, by_agency, key, province_code, agency_province_code'), await h.digest('reports_summary_days', 'province_key, day')], live,
    'a rebuild gives the same rows');
});

t.test('recommendations: a rename rewrites no item; a reparenting rewrites only the items it moved, as a rebuild has them', async (t) => {
  const h = await openProjectionHarness([recommendations]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  const { rec, events: recEvents } = recommendationEvents(ids);
  await h.given(...events, ...recEvents);
  await h.project();
  const before = await writers(h.database, recommendations, 'recommendations_items', 'recommendation_id');
  const days = await h.digest('recommendations_days', 'province_key, day');
  const dayWriters = await writers(h.database, recommendations, 'recommendations_days', "province_key || '/' || day");
  t.equal(before.size, 4);

  await h.given(...renames(ids));
  await h.project();
  t.same(await writers(h.database, recommendations, 'recommendations_items', 'recommendation_id'), before, 'no item written again');
  t.equal(await h.digest('recommendations_days', 'province_key, day'), days, 'the same days');
  t.same(await writers(h.database, recommendations, 'recommendations_days', "province_key || '/' || day"), dayWriters, 'no day counted again');

  await h.given(reparented);
  await h.project();
  const after = await writers(h.database, recommendations, 'recommendations_items', 'recommendation_id');
  // rec1 and rec2 were raised at 02812; rec3 at 03001 (province 10 already), rec4 at 02809.
  for (const id of [rec.rec1, rec.rec2]) t.not(after.get(id), before.get(id), `${id} at the moved commune written again`);
  for (const id of [rec.rec3, rec.rec4]) t.equal(after.get(id), before.get(id), `${id} elsewhere left as it was`);
  const inTen = await queryRecommendations(h.database.db, { today: '2024-10-01', scope: all, limit: 100, offset: 0, provinceCode: '10' });
  t.same(inTen.rows.map((r) => r.recommendationId).sort(), [rec.rec1, rec.rec2, rec.rec3].sort(), 'province 10 now holds the moved ones');

  const live = [await h.digest('recommendations_items', 'recommendation_id'), await h.digest('recommendations_days', 'province_key, day')];
  await h.runner.rebuild('recommendations');
  t.same([await h.digest('recommendations_items', 'recommendation_id'), await h.digest('recommendations_days', 'province_key, day')], live,
    'a rebuild gives the same rows');
});

t.test('reports: a recount for a context event finds every visit whose due row differs in any one column, and none when none does', async (t) => {
  const h = await openProjectionHarness([reports]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  await h.given(...events, lateVisit(ids));
  await h.project();
  const tables = { visits: await buildTable(h.database, reports, 'reports_visits'), due: await buildTable(h.database, reports, 'reports_due') };
  const context = await buildTable(h.database, reports, 'reports_context');
  const moved = (change?: (trx: Parameters<typeof loadContextIn>[0]) => Promise<unknown>) => h.database.db.transaction().execute(async (trx) => {
    await change?.(trx);
    const result = await movedByContext(trx, await loadContextIn(trx, context), tables, []);
    // Rolled back: each change is tried on the rows as projected.
    throw Object.assign(new Error('rollback'), { result });
  }).catch((err: { result?: unknown }) => {
    if (err.result === undefined) throw err;
    return err.result;
  });
  t.same(await moved(), { visitIds: [], cadreIds: [] }, 'every stored row is the one worked out: nothing to write');
  // One visit with a report, so that no column of its row is null.
  const visitId = (await sql<{ v: string }>`SELECT visit_id::text AS v FROM ${sql.table(tables.due)} WHERE report_id IS NOT NULL AND agency_id IS NOT NULL AND due_date IS NOT NULL LIMIT 1`.execute(h.database.db)).rows[0]!.v;
  const columns = (await sql<{ name: string; type: string }>`
    SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
    WHERE attrelid = ${tables.due}::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'visit_id' ORDER BY attnum`.execute(h.database.db)).rows;
  t.equal(columns.length, 17, 'every column but the key');
  const changed: Record<string, string> = {
    uuid: 'gen_random_uuid()', text: "coalesce(%, '') || 'x'", date: "coalesce(%, DATE '2020-01-01') + 1", integer: '% + 1',
    'text[]': "% || 'x'::text", 'date[]': "% || DATE '2020-01-01'",
  };
  for (const { name, type } of columns) {
    const value = changed[type]?.replaceAll('%', name);
    if (value === undefined) throw new Error(`no change for a ${type} column`);
    const result = await moved((trx) => sql`UPDATE ${sql.table(tables.due)} SET ${sql.ref(name)} = ${sql.raw(value)} WHERE visit_id = ${visitId}::uuid`.execute(trx));
    t.same(result, { visitIds: [visitId], cadreIds: [] }, `${name} (${type}) changed`);
  }
  const missing = await moved((trx) => sql`DELETE FROM ${sql.table(tables.due)} WHERE visit_id = ${visitId}::uuid`.execute(trx));
  t.same(missing, { visitIds: [visitId], cadreIds: [] }, 'a visit without a due row');
  const most = await moved((trx) => sql`UPDATE ${sql.table(tables.due)} SET amendments = amendments + 1`.execute(trx));
  t.equal(most, 'all', 'every row moved: counted afresh');
});

const DISTRIBUTION_KEY = "subject || '/' || year || '/' || committee_unit_code || '/' || province_code || '/' || agency_province_code";

t.test('evaluations: a rename rewrites no rating and no count', async (t) => {
  const h = await openProjectionHarness([evaluations]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  await h.given(...events, ...evaluationEvents(ids).events);
  await h.project();
  const tables = [
    ['evaluations_cadres', 'evaluation_id'], ['evaluations_units', "committee_unit_code || '/' || unit_code || '/' || year"],
  ] as const;
  const before = await Promise.all(tables.map(([table, key]) => writers(h.database, evaluations, table, key)));
  t.same(before.map((m) => m.size), [3, 4]);
  const distribution = await writers(h.database, evaluations, 'evaluations_distribution', DISTRIBUTION_KEY);
  await h.given(...renames(ids));
  await h.project();
  t.same(await Promise.all(tables.map(([table, key]) => writers(h.database, evaluations, table, key))), before, 'no rating written again');
  t.same(await writers(h.database, evaluations, 'evaluations_distribution', DISTRIBUTION_KEY), distribution, 'no count written again');
});
