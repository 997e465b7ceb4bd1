import { randomUUID } from 'node:crypto';
import t from 'tap';
import { encodeEvent } from '#events/registry.js';
import { TokenStore, type TokenSpec } from '../../src/auth/TokenStore.js';
import type { Given } from '../helpers/projectionHarness.js';
import { settle } from '../helpers/settle.js';
import { openTestApp } from '../helpers/testApp.js';
import { buildWorld, evaluationEvents, recommendationEvents } from './attendance.world.js';

t.test('dashboard routes: role scoping through tokens, validation, minPosition', async (t) => {
  // 1. "Today" is fixed through the injectable clock: 30 June 2025 in Vietnam.
  const { app, store, database, projections, close } = await openTestApp({ now: () => new Date('2025-06-30T03:00:00Z') });
  t.teardown(close);
  const append = async (...given: Given[]) => {
    let last = 0n;
    for (const g of given) {
      const e = encodeEvent(g.event);
      const r = await store.appendToStream(g.stream, [{
        eventId: randomUUID(), type: e.type, schemaVersion: e.schemaVersion, data: e.data,
        metadata: { actor: 'test', role: 'admin', correlationId: null, causationId: null, requestId: null },
        occurredAt: new Date(`${g.occurredAt ?? '2024-01-01'}T00:00:00Z`),
      }]);
      last = r.positions[0] ?? last;
    }
    return last;
  };
  const { ids, events } = buildWorld();
  const { rec, events: recEvents } = recommendationEvents(ids);
  const world = [...events, ...recEvents, ...evaluationEvents(ids).events];
  await append(...world);
  await settle(store);
  await projections.catchUp();

  const tokens = new TokenStore(database);
  const bearer = async (spec: TokenSpec) => ({ authorization: `Bearer ${(await tokens.create(spec)).token}` });
  const admin = await bearer({ role: 'admin' });
  const organizer10 = await bearer({ role: 'organizer', provinceCode: '10' });
  const cadreY = await bearer({ role: 'cadre', cadreId: ids.cadreY });
  const committee = await bearer({ role: 'unit-committee', unitCode: '02812' });
  const agencyB = await bearer({ role: 'agency', agencyId: ids.agencyB });
  const viewer = await bearer({ role: 'viewer' });
  const get = async (url: string, headers: Record<string, string>) => {
    const res = await app.inject({ method: 'GET', url, headers });
    return { status: res.statusCode, body: res.json() };
  };
  const cadresOf = async (headers: Record<string, string>, query = '') =>
    (await get(`/v1/dashboard/attendance?year=2024${query}`, headers)).body.rows.map((r: { cadreId: string }) => r.cadreId).sort();

  // 2. No token: 401; a bad query: 400 with the field.
  t.equal((await app.inject({ method: 'GET', url: '/v1/dashboard/attendance' })).statusCode, 401);
  const bad = await get('/v1/dashboard/attendance?year=abc', admin);
  t.same([bad.status, bad.body.code], [400, 'VALIDATION_FAILED']);
  t.equal((await get('/v1/dashboard/summary?from=2024-02-01&to=2024-01-01', admin)).status, 400);

  // 3. Scope: admin and a national viewer see all; an organizer its province; a cadre itself; a committee its unit.
  t.same(await cadresOf(admin), [ids.cadreX, ids.cadreY, ids.cadreW].sort());
  t.same(await cadresOf(viewer), [ids.cadreX, ids.cadreY, ids.cadreW].sort());
  t.same(await cadresOf(organizer10), [ids.cadreW]);
  t.same(await cadresOf(organizer10, '&province=15'), [], 'a filter cannot widen the scope');
  t.same(await cadresOf(cadreY), [ids.cadreY]);
  t.same(await cadresOf(cadreY, `&cadre=${ids.cadreX}`), []);
  t.same(await cadresOf(committee), [ids.cadreY]);
  t.same(await cadresOf(agencyB), [], 'agency B has no cadre with a visit or assignment in 2024');

  // 4. The other dashboards answer under the same scopes.
  const recs = await get('/v1/dashboard/recommendations', agencyB);
  t.same(recs.body.rows.map((r: { recommendationId: string }) => r.recommendationId).sort(), [rec.rec1, rec.rec2, rec.rec4].sort());
  t.same((await get('/v1/dashboard/recommendations', organizer10)).body.rows.map((r: { recommendationId: string }) => r.recommendationId), [rec.rec3]);
  t.same((await get('/v1/dashboard/reports?year=2024', cadreY)).body.rows.map((r: { visitId: string }) => r.visitId), [ids.v5]);
  t.same((await get('/v1/dashboard/evaluations?year=2024', organizer10)).body.cadres.rows.map((r: { cadreId: string }) => r.cadreId), [ids.cadreW]);
  const summary = await get('/v1/dashboard/summary?province=15&from=2024-01-01&to=2024-12-31', admin);
  t.same([summary.status, summary.body.officials], [200, 2]);
  t.same((await get('/v1/dashboard/attendance?year=2024&limit=1&offset=2', admin)).body.rows.length, 1);

  // 5. Read-your-writes: a query given the position of a new visit waits until it is projected.
  const visitId = randomUUID();
  const position = await append({
    stream: `fieldwork-${ids.cadreZ}-2024`, occurredAt: '2024-09-02',
    event: { type: 'VisitLogged', data: { visitId, cadreId: ids.cadreZ, unitCode: '02812', startDate: '2024-09-02', endDate: '2024-09-02', purposes: ['x'], activities: [{ kind: 'field-work', date: '2024-09-02' }] } },
  });
  const waiting = get(`/v1/dashboard/attendance?year=2024&cadre=${ids.cadreZ}&minPosition=${position}`, admin);
  await new Promise((r) => setTimeout(r, 100));
  await settle(store);
  await projections.catchUp();
  const seen = await waiting;
  t.same([seen.status, seen.body.rows[0]?.days], [200, 1]);
  const lagging = await get(`/v1/dashboard/reports?minPosition=${position + 1000n}`, admin);
  t.same([lagging.status, lagging.body.code], [503, 'PROJECTION_LAGGING']);
});

