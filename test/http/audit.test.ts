import { randomUUID } from 'node:crypto';
import t from 'tap';
import { encodeEvent, type DomainEvent } from '#events/registry.js';
import { TokenStore } from '../../src/auth/TokenStore.js';
import { replayedJson, replayStream } from '../../src/http/routes/audit/replay.js';
import { settle } from '../helpers/settle.js';
import { openTestApp } from '../helpers/testApp.js';
import { sealCommitted } from '../../src/ledger/postgres/sealCommitted.js';

const hash = (c: string) => ({ commitment: c.repeat(64) });
const pause = () => new Promise((r) => setTimeout(r, 30));

t.test('audit: stream history with leaf hashes; entity state replayed at a past time or position', async (t) => {
  const { app, store, database, ledger, close } = await openTestApp();
  t.teardown(close);
  const append = async (stream: string, event: DomainEvent, keys: string[] = [], requestId: string = randomUUID()) => {
    const e = encodeEvent(event);
    const r = await store.appendToStream(stream, [{
      eventId: randomUUID(), type: e.type, schemaVersion: e.schemaVersion, data: e.data,
      metadata: { actor: 'organizer-1', role: 'organizer', correlationId: null, causationId: null, requestId }, occurredAt: new Date('2024-03-04T00:00:00Z'),
    }], { keys });
    return r.positions[0] ?? 0n;
  };
  const [cadreId, agencyA, agencyB, visitId, reportId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const fieldwork = `fieldwork-${cadreId}-2024`;

  // 1. A cadre registered, then (later) transferred; a visit logged, reported on, then confirmed.
  const registeredAt = await append(`cadre-${cadreId}`, { type: 'CadreRegistered', data: {
    cadreId, fullName: hash('a'), dateOfBirth: hash('b'), position: 'Chuyên viên', agencyId: agencyA, level: 'province', expertise: [], inSuccessionPlan: false,
  } }, [], 'req-1');
  await pause();
  const between = new Date();
  await pause();
  await append(`cadre-${cadreId}`, { type: 'CadreTransferred', data: {
    cadreId, fromAgencyId: agencyA, toAgencyId: agencyB, position: 'Phó Giám đốc', level: 'province', effectiveDate: '2024-06-01', decisionRef: '5-QĐ/TU',
  } });
  const loggedAt = await append(fieldwork, { type: 'VisitLogged', data: {
    visitId, cadreId, unitCode: '02809', startDate: '2024-03-04', endDate: '2024-03-06', purposes: ['nắm tình hình'], activities: [{ kind: 'field-work', date: '2024-03-04' }],
  } }, [`visit:${visitId}`]);
  const filedAt = await append(fieldwork, { type: 'ReportFiled', data: { reportId, visitId, cadreId, summary: 'ổn', findings: [], recommendations: [] } }, [`report:${reportId}`]);
  await append(fieldwork, { type: 'VisitConfirmed', data: { visitId, byUnitCode: '02809' } });
  // Readers lag while an older transaction elsewhere in the cluster runs (parallel test files).
  await settle(store);
  await sealCommitted(database, ledger.sealer);

  const tokens = new TokenStore(database);
  const inspector = { authorization: `Bearer ${(await tokens.create({ role: 'inspector' })).token}` };
  const viewer = { authorization: `Bearer ${(await tokens.create({ role: 'viewer' })).token}` };
  const get = async (url: string, headers: Record<string, string> = inspector) => {
    const res = await app.inject({ method: 'GET', url, headers });
    return { status: res.statusCode, body: res.json() };
  };

  // 2. Only inspectors and admins; 401 without a token.
  t.equal((await app.inject({ method: 'GET', url: `/v1/audit/streams/cadre-${cadreId}` })).statusCode, 401);
  t.same([(await get(`/v1/audit/streams/cadre-${cadreId}`, viewer)).status], [403]);

  // 3. The history: both events, in order, with actor, request id and a sealed leaf hash each.
  const history = await get(`/v1/audit/streams/cadre-${cadreId}`);
  t.equal(history.status, 200);
  t.same(history.body.events.map((e: { type: string; version: string }) => [e.type, e.version]), [['CadreRegistered', '1'], ['CadreTransferred', '2']]);
  t.equal(history.body.events[0].position, registeredAt.toString());
  t.same([history.body.events[0].actor, history.body.events[0].role, history.body.events[0].requestId], ['organizer-1', 'organizer', 'req-1']);
  const leaf = await ledger.reader.leafAt(registeredAt);
  t.equal(history.body.events[0].leafHash, leaf === undefined ? null : Buffer.from(leaf.leafHash).toString('base64'));
  t.not(history.body.events[0].leafHash, null);
  t.equal((await get('/v1/audit/streams/cadre-nobody')).status, 404);

  // 4. A cadre as known between the two events: one posting; now: two.
  const past = await get(`/v1/audit/entities/cadre/${cadreId}?at=${between.toISOString()}`);
  t.same([past.body.version, past.body.state.postings.length, past.body.state.postings[0].value.agencyId], ['1', 1, agencyA]);
  const now = await get(`/v1/audit/entities/cadre/${cadreId}`);
  t.same([now.body.version, now.body.state.postings.length], ['2', 2]);
  t.same((await get(`/v1/audit/entities/cadre/${cadreId}?atPosition=${registeredAt}`)).body.state, past.body.state);

  // 5. A visit found through its key: logged before the confirmation, confirmed after; its report
  //    did not exist before it was filed.
  const logged = await get(`/v1/audit/entities/visit/${visitId}?atPosition=${loggedAt}`);
  t.same([logged.body.streamId, logged.body.state.visit.status, logged.body.state.report], [fieldwork, 'logged', null]);
  t.equal((await get(`/v1/audit/entities/visit/${visitId}`)).body.state.visit.status, 'confirmed');
  t.equal((await get(`/v1/audit/entities/report/${reportId}?atPosition=${loggedAt}`)).body.state, null);
  t.equal((await get(`/v1/audit/entities/report/${reportId}?atPosition=${filedAt}`)).body.state.report.summary, 'ổn');
  t.equal((await get(`/v1/audit/entities/visit/${randomUUID()}`)).status, 404);
  t.equal((await get(`/v1/audit/entities/cadre/${cadreId}?at=yesterday`)).status, 400);
  t.equal((await get(`/v1/audit/entities/cadre/${cadreId}?at=${between.toISOString()}&atPosition=1`)).status, 400);

  // 6. The CLI (diaban replay) prints replayedJson of the same replay.
  const cli = replayedJson((await replayStream(store, `cadre-${cadreId}`, { at: between }))!);
  const { kind: _k, id: _i, ...route } = past.body;
  t.same(route, JSON.parse(JSON.stringify(cli)));
});
