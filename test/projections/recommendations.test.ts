import t from 'tap';
import { recommendations } from '../../projections/recommendations/projection.js';
import { queryRecommendations } from '../../projections/recommendations/queries.js';
import { openProjectionHarness, type Given } from '../helpers/projectionHarness.js';
import { buildWorld, recommendationEvents } from './attendance.world.js';

const all = { kind: 'all' } as const;
const dayDiff = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

/** The lifecycle replayed from the given events, independently of the projection and the domain. */
function recount(events: readonly Given[], today: string) {
  const recs = new Map<string, { raisedOn: string; agencyId: string | null; dueDate: string | null; status: string; answeredOn: string | null; closedOn: string | null }>();
  for (const g of events) {
    const e = g.event;
    const on = g.occurredAt ?? '';
    if (e.type === 'RecommendationRaised') recs.set(e.data.recommendationId, { raisedOn: on, agencyId: null, dueDate: null, status: 'raised', answeredOn: null, closedOn: null });
    const r = 'recommendationId' in e.data && typeof e.data.recommendationId === 'string' ? recs.get(e.data.recommendationId) : undefined;
    if (r === undefined) continue;
    if (e.type === 'RecommendationForwarded') Object.assign(r, { status: 'forwarded', agencyId: e.data.agencyId, dueDate: e.data.dueDate });
    if (e.type === 'RecommendationAnswered') Object.assign(r, { status: 'answered', answeredOn: on });
    if (e.type === 'RecommendationClosed') Object.assign(r, { status: 'closed', closedOn: on });
    if (e.type === 'RecommendationReopened') Object.assign(r, { status: r.agencyId === null ? 'raised' : 'forwarded', closedOn: null });
  }
  return new Map([...recs].map(([id, r]) => {
    const open = r.status === 'raised' || r.status === 'forwarded';
    const end = r.status === 'closed' ? r.closedOn : r.status === 'answered' ? r.answeredOn : today;
    return [id, { ...r, open, overdue: open && r.dueDate !== null && today > r.dueDate, ageDays: dayDiff(r.raisedOn, end ?? today) }];
  }));
}

t.test('recommendations: open, answered, overdue by agency, with ages', async (t) => {
  const h = await openProjectionHarness([recommendations]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  const { rec, events: recEvents } = recommendationEvents(ids);
  await h.given(...events, ...recEvents);
  await h.project();
  const today = '2024-10-01';
  const q = (extra: Partial<Parameters<typeof queryRecommendations>[1]> = {}) =>
    queryRecommendations(h.database.db, { today, scope: all, limit: 100, offset: 0, ...extra });
  const expected = recount(recEvents, today);

  const answer = await q();
  t.equal(answer.total, expected.size);
  for (const row of answer.rows) {
    const e = expected.get(row.recommendationId);
    t.same([row.status, row.open, row.overdue, row.ageDays, row.agencyId], [e?.status, e?.open, e?.overdue, e?.ageDays, e?.agencyId], row.recommendationId);
  }
  const b = answer.byAgency.find((r) => r.agencyId === ids.agencyB);
  const forB = [...expected.values()].filter((r) => r.agencyId === ids.agencyB);
  t.same([b?.open, b?.answered, b?.overdue], [forB.filter((r) => r.open).length, forB.filter((r) => r.status === 'answered').length, forB.filter((r) => r.overdue).length]);
  t.equal(b?.oldestOpenDays, Math.max(...forB.filter((r) => r.open).map((r) => r.ageDays)));
  t.same((await q({ status: 'overdue' })).rows.map((r) => r.recommendationId).sort(), [rec.rec2, rec.rec4].sort(), 'rec4 reopened and past its due date');
  t.same((await q({ status: 'answered' })).rows.map((r) => r.recommendationId), [rec.rec1]);
  t.same((await q({ provinceCode: '10' })).rows.map((r) => r.recommendationId), [rec.rec3]);
  t.same((await q({ scope: { kind: 'agency', agencyId: ids.agencyB } })).rows.map((r) => r.recommendationId).sort(), [rec.rec1, rec.rec2, rec.rec4].sort(), 'an agency sees what was forwarded to it');
  t.same((await q({ scope: { kind: 'unit', unitCode: '03001' } })).rows.map((r) => r.recommendationId), [rec.rec3]);

  const live = await h.digest('recommendations_items', 'recommendation_id');
  await h.runner.rebuild('recommendations');
  t.equal(await h.digest('recommendations_items', 'recommendation_id'), live);
});
