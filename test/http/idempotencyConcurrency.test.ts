import t from 'tap';
import { created, openKit } from './commandKit.js';
import { assignmentBody, seedWorld } from './world.js';

t.test('idempotency, If-Match, concurrency', async (t) => {
  const kit = await openKit();
  t.teardown(() => kit.close());
  const w = await seedWorld(kit);
  const { admin, organizer } = w.tokens;
  const agency = { name: 'Ban Tuyên giáo', kind: 'party-board', unitCode: '01' };

  await t.test('the same Idempotency-Key and body: the first answer, nothing written', async (t) => {
    const first = await kit.post('/v1/agencies', admin, agency, { 'idempotency-key': 'k-1' });
    const after = await kit.count();
    // Key order and spacing do not make another body.
    const again = await kit.post('/v1/agencies', admin, JSON.stringify({ unitCode: '01', kind: 'party-board', name: 'Ban Tuyên giáo' }), {
      'idempotency-key': 'k-1', 'content-type': 'application/json',
    });
    t.equal(again.statusCode, 201);
    t.same(again.json(), created(first), 'the same answer');
    t.equal(await kit.count(), after, 'nothing written by the retry');
  });

  await t.test('the same key with another body or route: 422, nothing written', async (t) => {
    const before = await kit.count();
    const other = await kit.post('/v1/agencies', admin, { ...agency, name: 'Ban Dân vận' }, { 'idempotency-key': 'k-1' });
    t.same([other.statusCode, other.json().code], [422, 'IDEMPOTENCY_KEY_REUSED']);
    const route = await kit.post('/v1/policies', admin, {}, { 'idempotency-key': 'k-1' });
    t.equal(route.statusCode, 400, 'schema first');
    t.equal(await kit.count(), before);
  });

  await t.test('keys belong to their token', async (t) => {
    const res = await kit.post('/v1/agencies', organizer, { ...agency, name: 'Ban Kinh tế' }, { 'idempotency-key': 'k-1' });
    t.equal(res.statusCode, 201, 'another principal may use the same key');
  });

  await t.test('a failed request is not remembered: a retry with the key runs again', async (t) => {
    const bad = await kit.post('/v1/assignments', admin, assignmentBody(w.c1, '00099'), { 'idempotency-key': 'k-2' });
    t.equal(bad.statusCode, 404);
    const good = await kit.post('/v1/assignments', admin, assignmentBody(w.c1, '00001'), { 'idempotency-key': 'k-2' });
    t.equal(good.statusCode, 201);
  });

  await t.test('If-Match: the version seen, or 412 and nothing written', async (t) => {
    const rename = (name: string, version: string) =>
      kit.post(`/v1/agencies/${w.agencyA}/rename`, admin, { name, effectiveDate: '2025-01-01' }, { 'if-match': version });
    const ok = created(await rename('Ban Tổ chức Thành ủy', '"1"'));
    t.equal(ok.version, '2');
    const before = await kit.count();
    const stale = await rename('Ban Tổ chức', '"1"');
    t.same([stale.statusCode, stale.json().code], [412, 'PRECONDITION_FAILED']);
    t.equal(await kit.count(), before);
    t.equal(created(await rename('Ban Tổ chức', '2')).version, '3', 'a bare number is accepted too');
  });

  await t.test('20 concurrent assignments to one commune under a one-to-one policy: exactly one wins', async (t) => {
    const cadres: string[] = [];
    for (let i = 0; i < 20; i++) {
      cadres.push(created(await kit.post('/v1/cadres', admin, {
        fullName: `Cán bộ ${i}`, dateOfBirth: '1985-01-01', position: 'Chuyên viên', agencyId: w.agencyA, level: 'province', expertise: [], inSuccessionPlan: false,
      })).id);
    }
    const before = (await kit.store.readStream('board-01')).length;
    const answers = await Promise.all(cadres.map((cadreId) => kit.post('/v1/assignments', organizer, assignmentBody(cadreId, '00004'))));
    const statuses = answers.map((res) => (res.statusCode === 201 ? 201 : `${res.statusCode} ${res.json().code}`));
    t.equal(statuses.filter((s) => s === 201).length, 1, 'one 201');
    t.same(statuses.filter((s) => s !== 201), Array(19).fill('409 ASSIGNMENT_ONE_TO_ONE_VIOLATED'), 'nineteen 409s');
    t.equal((await kit.store.readStream('board-01')).length, before + 1, 'one event on the board');
  });

  await t.test('an override reason lets a second follower in, and is recorded', async (t) => {
    const res = created(await kit.post('/v1/assignments', organizer, assignmentBody(w.c2, '00004', { overrideReason: 'Địa bàn trọng điểm' })));
    const events = await kit.store.readStream(res.streamId);
    t.match(events.at(-1)?.data, { cadreId: w.c2, overrideReason: 'Địa bàn trọng điểm' });
  });
});

t.test('twins with one Idempotency-Key sent at once: one write, the same answer', async (t) => {
  const kit = await openKit();
  t.teardown(() => kit.close());
  const admin = await kit.token('admin');
  created(await kit.post('/v1/units', admin, { code: '01', name: 'Thành phố Hà Nội', type: 'Thành phố', level: 'province', parentCode: null, effectiveDate: '2020-01-01' }));
  const body = { name: 'Ban Nội chính', kind: 'party-board', unitCode: '01' };
  const answers = await Promise.all([1, 2, 3].map(() => kit.post('/v1/agencies', admin, body, { 'idempotency-key': 'twin' })));
  t.same(answers.map((res) => res.statusCode), [201, 201, 201]);
  t.equal(new Set(answers.map((res) => res.body)).size, 1, 'one answer');
  t.equal(await kit.count(), 2, 'the unit and one agency');
});
