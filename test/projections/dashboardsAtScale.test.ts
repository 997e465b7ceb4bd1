import { sql } from 'kysely';
import t from 'tap';
import { recommendations } from '../../projections/recommendations/projection.js';
import { answerFromItems, loadRecommendations, queryRecommendations, type RecommendationsQuery } from '../../projections/recommendations/queries.js';
import { loadContext } from '../../projections/attendance/contextQueries.js';
import type { DashboardScope } from '../../projections/attendance/scope.js';
import { generateHistory } from '../../scripts/bench/projections/generate.js';
import { PROVINCE } from '../../scripts/bench/projections/province.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';

// The dashboards answer from pre-counted read models; their definition is the answer worked out
// from every row in memory (itself recounted from the events in recommendations.test.ts). Here the
// two must agree on a generated province's history (the projections bench's generator, small),
// for every scope, filter, status, page and three "today"s.

t.test('recommendations: the pre-counted answer equals the answer from every item', { timeout: 300_000 }, async (t) => {
  const h = await openProjectionHarness([recommendations]);
  t.teardown(h.close);
  await generateHistory(h.store, { events: 6_000, cadres: 30, fromYear: 2024, today: '2026-06-30', seed: 11 });
  const last = BigInt((await sql<{ p: string }>`SELECT max(global_position)::text AS p FROM events`.execute(h.database.db)).rows[0]!.p);
  while ((await h.store.headPosition()) < last) await new Promise((r) => setTimeout(r, 10));
  await h.runner.catchUp();

  const db = h.database.db;
  const items = await loadRecommendations(db);
  t.ok(items.length > 100, `${items.length} recommendations generated`);
  const statuses = new Set(items.map((i) => i.status));
  t.same([...statuses].sort(), ['answered', 'closed', 'forwarded', 'raised'], 'every status occurs');
  const agency = items.find((i) => i.agencyId !== null)!.agencyId!;
  const ctx = await loadContext(db, 'recommendations_context');
  const district = [...ctx.units.entries()].find(([, u]) => u.status === 'established' && u.level === 'district')![0];
  const commune = items[0]!.unitCode;
  const scopes: DashboardScope[] = [
    { kind: 'all' }, { kind: 'province', provinceCode: PROVINCE }, { kind: 'province', provinceCode: '15' },
    { kind: 'unit', unitCode: district }, { kind: 'unit', unitCode: commune }, { kind: 'agency', agencyId: agency },
    { kind: 'cadre', cadreId: items[0]!.cadreId }, { kind: 'nothing' },
  ];
  // A day some open item falls due on: due that day is not yet overdue.
  const dueDay = items.filter((i) => i.status === 'forwarded' && i.dueDate !== null).map((i) => i.dueDate!).sort().at(-1)!;
  const todays = ['2026-06-30', '2025-03-01', dueDay];
  let compared = 0;
  for (const today of todays) {
    for (const scope of scopes) {
      for (const filter of [{}, { provinceCode: PROVINCE }, { provinceCode: '15' }, { agencyId: agency }]) {
        for (const status of [undefined, 'open', 'overdue', 'answered', 'closed'] as const) {
          for (const [limit, offset] of [[100, 0], [5, 7]] as const) {
            const q: RecommendationsQuery = { scope, today, limit, offset, ...filter, ...(status ? { status } : {}) };
            const expected = answerFromItems(ctx, items, q);
            const actual = await queryRecommendations(db, q);
            t.same(actual, expected, `${today} ${JSON.stringify(scope)} ${JSON.stringify(filter)} ${status ?? 'any'} ${limit}/${offset}`);
            compared += 1;
          }
        }
      }
    }
  }
  t.equal(compared, todays.length * scopes.length * 4 * 5 * 2);

  const live = await h.digest('recommendations_groups', 'agency_key, unit_code');
  await h.runner.rebuild('recommendations');
  t.equal(await h.digest('recommendations_groups', 'agency_key, unit_code'), live, 'a rebuild counts the same groups');
});
