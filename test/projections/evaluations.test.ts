import t from 'tap';
import { evaluations } from '../../projections/evaluations/projection.js';
import { queryEvaluations } from '../../projections/evaluations/queries.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';
import { buildWorld, evaluationEvents } from './attendance.world.js';

const all = { kind: 'all' } as const;

t.test('evaluations: cadre and commune ratings per year, distribution per committee', async (t) => {
  const h = await openProjectionHarness([evaluations]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  const { ev, events: evEvents } = evaluationEvents(ids);
  await h.given(...events, ...evEvents);
  await h.project();
  const q = (extra: Partial<Parameters<typeof queryEvaluations>[1]> = {}) => queryEvaluations(h.database.db, { scope: all, limit: 100, offset: 0, ...extra });

  // 1. The ratings as the events leave them: an amendment replaces the rating.
  const ratings = new Map<string, string>();
  for (const { event } of evEvents) {
    if (event.type === 'CadreEvaluated') ratings.set(event.data.evaluationId, event.data.rating);
    if (event.type === 'CadreEvaluationAmended' && event.data.rating) ratings.set(event.data.evaluationId, event.data.rating);
  }
  const y2024 = await q({ year: 2024 });
  t.same(new Map(y2024.cadres.rows.map((r) => [r.evaluationId, r.rating])), ratings);
  t.equal(y2024.cadres.rows.find((r) => r.evaluationId === ev.y)?.amendments, 1);
  const unitRated2024 = evEvents.filter((g) => g.event.type === 'UnitRated' && g.event.data.year === 2024);
  t.equal(y2024.units.total, unitRated2024.length);

  // 2. Distribution per committee, recounted.
  const d = (committee: string, subject: string) => y2024.distribution.items.find((x) => x.committeeUnitCode === committee && x.subject === subject);
  t.same(d('02809', 'cadres')?.ratings, { excellent: 1, good: 1, completed: 0, 'not-completed': 0 });
  const by080 = unitRated2024.filter((g) => g.event.type === 'UnitRated' && g.event.data.committeeUnitCode === '080').length;
  t.same([d('080', 'units')?.total, d('080', 'units')?.ratings.good], [by080, by080]);
  t.equal((await q()).units.total, unitRated2024.length + 1, 'every year without ?year');
  // The distribution is a page of the committee-years, the cadres' first, with the rows' limit/offset.
  const whole = y2024.distribution.items;
  t.equal(y2024.distribution.total, whole.length);
  t.ok(whole.length >= 3, `${whole.length} committee-years`);
  t.same(whole.map((x) => x.subject), [...whole.filter((x) => x.subject === 'cadres'), ...whole.filter((x) => x.subject === 'units')].map((x) => x.subject));
  const second = await q({ year: 2024, limit: 2, offset: 1 });
  t.same(second.distribution, { total: whole.length, items: whole.slice(1, 3) }, 'limit 2 at offset 1');

  // 3. Province filter and scope (the committee's province; a cadre sees its own evaluation).
  t.same((await q({ year: 2024, provinceCode: '10' })).cadres.rows.map((r) => r.cadreId), [ids.cadreW]);
  t.same((await q({ year: 2024, scope: { kind: 'cadre', cadreId: ids.cadreX } })).cadres.rows.map((r) => r.evaluationId), [ev.x]);
  t.equal((await q({ year: 2024, scope: { kind: 'cadre', cadreId: ids.cadreX } })).units.total, 0);
  t.equal((await q({ year: 2024, scope: { kind: 'province', provinceCode: '15' } })).units.total, by080);

  const live = [await h.digest('evaluations_cadres', 'evaluation_id'), await h.digest('evaluations_units', 'committee_unit_code, unit_code, year')];
  await h.runner.rebuild('evaluations');
  t.same([await h.digest('evaluations_cadres', 'evaluation_id'), await h.digest('evaluations_units', 'committee_unit_code, unit_code, year')], live);
});
