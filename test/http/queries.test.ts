import type { LightMyRequestResponse } from 'fastify';
import t from 'tap';
import { TokenStore } from '../../src/auth/TokenStore.js';
import { openTestApp } from '../helpers/testApp.js';
import { created, NOW, type Kit } from './commandKit.js';
import { assignmentBody, seedWorld } from './world.js';

/**
 * The read-your-writes wait, as long as the server's default. Readers see a commit only once no
 * older transaction in the cluster runs, and test files running beside this one hold transactions
 * of a second or more (rebuilds, generated histories): with 400 ms, reads that should succeed
 * answered 503 in CI.
 */
const WAIT_MS = 5_000;

/** The command kit, with the read models followed live. */
async function openQueryKit(): Promise<Kit & { get(url: string, token: string): Promise<LightMyRequestResponse> }> {
  const app = await openTestApp({ now: () => NOW, startProjections: true, minPositionTimeoutMs: WAIT_MS });
  const tokens = new TokenStore(app.database);
  const inject = (method: 'GET' | 'POST', url: string, token: string | null, body?: unknown) =>
    app.app.inject({ method, url, headers: token === null ? {} : { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
  return {
    ...app,
    tokens,
    token: async (role, scope = {}) => (await tokens.create({ role, ...scope })).token,
    post: (url, token, body) => inject('POST', url, token, body),
    get: (url, token) => inject('GET', url, token),
    events: async () => [],
    count: async () => 0,
  };
}

t.test('read-model routes: read-your-writes, scoping by role, filters', async (t) => {
  const kit = await openQueryKit();
  t.teardown(() => kit.close());
  const w = await seedWorld(kit);
  const { admin, organizer, organizer02, cadre, cadre2, committee00004, agencyA, viewer } = w.tokens;
  const json = async (url: string, token: string) => {
    const res = await kit.get(url, token);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  // 1. A command, then a query with its position: the change is there, no sleeping.
  const assigned = created(await kit.post('/v1/assignments', organizer, assignmentBody(w.c1, '00001')));
  const support = created(await kit.post('/v1/assignments/agency-support', organizer, {
    committeeUnitCode: '01', agencyId: w.agencyA, unitCode: '00004', programme: 'Nông thôn mới', decisionRef: '101-QĐ/TU', decisionDate: '2023-12-20', effectiveFrom: '2024-01-01',
  }));
  const seen = await json(`/v1/assignments?unit=00001&minPosition=${assigned.position}`, admin);
  t.same(seen.items.map((r: { cadreId: string; validFrom: string }) => [r.cadreId, r.validFrom]), [[w.c1, '2024-01-01']]);

  await t.test('the map names cadres (revealed), agencies and units per committee', async (t) => {
    const map = await json(`/v1/map?minPosition=${support.position}`, admin);
    t.equal(map.at, '2025-03-15');
    t.equal(map.boards.length, 1);
    const board = map.boards[0];
    t.match(board, { code: '01', name: 'Thành phố Hà Nội' });
    t.match(board.cadres, [{ cadreId: w.c1, name: 'Nguyễn Văn An', agency: { agencyId: w.agencyA, name: 'Ban Tổ chức Thành ủy' }, units: [{ code: '00001', name: 'Phường Phúc Xá' }] }]);
    t.match(board.units, [
      { code: '00001', cadres: [{ cadreId: w.c1, name: 'Nguyễn Văn An', kind: 'follow' }], agencies: [] },
      { code: '00004', name: 'Phường Trúc Bạch', cadres: [], agencies: [{ agencyId: w.agencyA, programme: 'Nông thôn mới' }] },
    ]);
  });

  await t.test('scoping: another province sees nothing of this one; a cadre itself; a committee its unit', async (t) => {
    const count = async (url: string, token: string) => (await json(url, token)).items.length;
    t.equal(await count('/v1/assignments', admin), 2);
    t.equal(await count('/v1/assignments', organizer), 2);
    t.equal(await count('/v1/assignments', viewer), 2, 'a viewer without a province sees the country');
    t.equal(await count('/v1/assignments', organizer02), 0);
    t.equal(await count('/v1/assignments?unit=00001', organizer02), 0);
    t.equal((await json('/v1/map', organizer02)).boards.length, 0);
    t.equal(await count('/v1/assignments', cadre), 1);
    t.equal(await count('/v1/assignments', cadre2), 0);
    t.equal(await count(`/v1/assignments?cadre=${w.c1}`, cadre2), 0);
    t.same((await json('/v1/assignments', committee00004)).items.map((r: { holderKind: string }) => r.holderKind), ['agency']);
    t.equal((await kit.get('/v1/assignments', agencyA)).json().code, 'FORBIDDEN');
    t.equal((await kit.get('/v1/dashboard/coverage', cadre)).json().code, 'FORBIDDEN');
    t.equal((await kit.get('/v1/assignments', 'dbn_nope')).statusCode, 401);
  });

  await t.test('coverage: an agency is no follower; each organizer sees its own communes', async (t) => {
    const own = await json('/v1/dashboard/coverage', organizer);
    t.same(own.communesWithoutFollower.items.map((c: { code: string }) => c.code), ['00004']);
    t.same(own.communesWithSeveralFollowers.items, []);
    const other = await json('/v1/dashboard/coverage?at=2025-03-15', organizer02);
    t.same(other.communesWithoutFollower.items.map((c: { code: string }) => c.code), ['00010', '00011', '00012', '00013']);
    t.equal((await json('/v1/dashboard/coverage?province=02', organizer)).communesWithoutFollower.total, 0, 'province= narrows, never widens');
    t.equal((await json('/v1/dashboard/coverage?province=02&limit=2', admin)).communesWithoutFollower.items.length, 2);
    t.equal((await json('/v1/dashboard/coverage?province=02&limit=2', admin)).communesWithoutFollower.total, 4);
  });

  await t.test('units: search without diacritics, one unit with its history', async (t) => {
    t.same((await json('/v1/units?q=truc bach', viewer)).items.map((u: { code: string }) => u.code), ['00004']);
    t.same((await json('/v1/units?parent=002&level=commune&limit=2&offset=1', viewer)).items.map((u: { code: string }) => u.code), ['00011', '00012']);
    const unit = await json('/v1/units/00001', cadre);
    t.match(unit, { name: 'Phường Phúc Xá', parentCode: '001', history: [{ kind: 'established', effectiveDate: '2020-01-01' }], predecessors: [] });
    t.equal((await kit.get('/v1/units/99999', cadre)).json().code, 'NOT_FOUND');
  });

  await t.test('status, validation and an unreachable minPosition', async (t) => {
    const status = await json('/v1/projections', viewer);
    const names = status.projections.map((p: { name: string }) => p.name);
    t.ok(['assignment-history', 'directory', 'unit-lineage'].every((n) => names.includes(n)));
    t.ok(status.projections.every((p: { position: string; lag: string; head: string }) => /^\d+$/.test(p.position) && /^\d+$/.test(p.lag) && p.head === status.head));
    t.equal((await kit.get('/v1/assignments?at=2025-02-30', admin)).json().code, 'VALIDATION_FAILED');
    t.equal((await kit.get('/v1/assignments?limit=0', admin)).json().code, 'VALIDATION_FAILED');
    const started = Date.now();
    const lagging = await kit.get('/v1/assignments?minPosition=9000000000000', admin);
    t.equal(lagging.statusCode, 503);
    t.equal(lagging.json().code, 'PROJECTION_LAGGING');
    t.match(lagging.json().message, /behind/);
    const waited = Date.now() - started;
    t.ok(waited >= WAIT_MS - 50 && waited < WAIT_MS + 3000, `answers once the wait is over (${waited} ms)`);
  });

  await t.test('a merged commune: includePredecessors brings in the units merged into it', async (t) => {
    const merged = created(await kit.post('/v1/units/merge', admin, {
      fromCodes: ['00001', '00004'], intoCode: '00004', mergeType: 'full', effectiveDate: '2025-01-01', decisionRef: '1673/NQ-UBTVQH15',
    }));
    const url = `/v1/assignments?unit=00004&minPosition=${merged.position}`;
    t.same((await json(url, organizer)).items.map((r: { unitCode: string }) => r.unitCode), ['00004']);
    const withPredecessors = await json(`${url}&includePredecessors=true`, organizer);
    t.same(withPredecessors.items.map((r: { unitCode: string }) => r.unitCode).sort(), ['00001', '00004']);
    t.same((await json(`${url}&includePredecessors=true`, organizer02)).items, [], 'still scoped');
    t.same((await json('/v1/units/00004', viewer)).predecessors.map((p: { code: string }) => p.code), ['00001']);
  });
});
