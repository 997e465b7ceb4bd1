import t from 'tap';
import { commandRouteTemplates, created, openKit } from './commandKit.js';
import { assignmentBody, seedWorld } from './world.js';

/** Bad input per route family: a stable code, the field at fault, never a 500, nothing written. */
t.test('bad input', async (t) => {
  const kit = await openKit();
  t.teardown(() => kit.close());
  const w = await seedWorld(kit);
  const { admin, cadre } = w.tokens;
  const visit = (extra: Record<string, unknown>) => ({
    cadreId: w.c1, unitCode: '00001', startDate: '2025-03-01', endDate: '2025-03-02', purposes: ['Nắm tình hình'],
    activities: [{ kind: 'working-session', date: '2025-03-01' }], ...extra,
  });
  const refused = async (
    what: string, request: { url: string; token?: string; body?: unknown; headers?: Record<string, string> },
    expected: { status: number; code: string; field?: string },
  ) => {
    const before = await kit.count();
    const res = await kit.post(request.url, request.token ?? admin, request.body, request.headers);
    const answer = res.json();
    t.match({ status: res.statusCode, ...answer }, expected, what);
    t.type(answer.message, 'string');
    t.equal(await kit.count(), before, `${what}: nothing written`);
  };

  // Missing, wrong-typed and unknown fields (zod at the route, 400 naming the field).
  await refused('missing field', { url: '/v1/agencies', body: { kind: 'party-board', unitCode: '01' } }, { status: 400, code: 'VALIDATION_FAILED', field: 'body.name' });
  await refused('wrong type', { url: '/v1/visits', token: cadre, body: visit({ startDate: 20250301 }) }, { status: 400, code: 'VALIDATION_FAILED', field: 'body.startDate' });
  await refused('not a calendar date', { url: '/v1/visits', token: cadre, body: visit({ endDate: '2025-02-30' }) }, { status: 400, code: 'VALIDATION_FAILED', field: 'body.endDate' });
  await refused('nested wrong enum', { url: '/v1/visits', token: cadre, body: visit({ activities: [{ kind: 'party', date: '2025-03-01' }] }) }, {
    status: 400, code: 'VALIDATION_FAILED', field: 'body.activities.0.kind',
  });
  await refused('unknown field', { url: '/v1/assignments', body: assignmentBody(w.c1, '00001', { priority: 1 }) }, { status: 400, code: 'VALIDATION_FAILED' });
  await refused('server-chosen id in body', { url: '/v1/visits', token: cadre, body: visit({ visitId: w.c1 }) }, { status: 400, code: 'VALIDATION_FAILED' });
  await refused('bad id in path', { url: '/v1/visits/not-a-uuid/confirm', token: w.tokens['unit-committee'], body: {} }, { status: 400, code: 'VALIDATION_FAILED', field: 'params.id' });
  await refused('bad unit code in path', { url: '/v1/units/1234/rename', body: { name: 'X', effectiveDate: '2024-01-01' } }, { status: 400, code: 'VALIDATION_FAILED', field: 'params.code' });
  await refused('no body', { url: '/v1/plans/00000000-0000-4000-8000-000000000000/submit' }, { status: 400, code: 'VALIDATION_FAILED' });
  await refused('bad If-Match', { url: '/v1/agencies', body: { name: 'X', kind: 'other', unitCode: '01' }, headers: { 'if-match': 'W/"x"' } }, {
    status: 400, code: 'VALIDATION_FAILED', field: 'headers.if-match',
  });

  // Dates the domain refuses: the future, ranges backwards (400 with the field).
  await refused('visit ending tomorrow', { url: '/v1/visits', token: cadre, body: visit({ endDate: '2025-03-16' }) }, { status: 400, code: 'DATE_IN_FUTURE', field: 'endDate' });
  await refused('visit ending before it starts', { url: '/v1/visits', token: cadre, body: visit({ endDate: '2025-02-28' }) }, { status: 400, code: 'DATE_RANGE_INVALID', field: 'endDate' });
  await refused('born tomorrow', {
    url: '/v1/cadres',
    body: { fullName: 'X', dateOfBirth: '2025-03-16', position: 'X', agencyId: w.agencyA, level: 'province', expertise: [], inSuccessionPlan: false },
  }, { status: 400, code: 'DATE_IN_FUTURE', field: 'dateOfBirth' });
  await refused('evaluating next year', {
    url: '/v1/evaluations', token: w.tokens['unit-committee'], body: { committeeUnitCode: '00001', cadreId: w.c1, year: 2026, rating: 'good', comments: 'x' },
  }, { status: 400, code: 'DATE_IN_FUTURE', field: 'year' });
  await refused('assignment ending before it starts', { url: '/v1/assignments', body: assignmentBody(w.c1, '00001', { effectiveUntil: '2023-01-01' }) }, {
    status: 400, code: 'DATE_RANGE_INVALID',
  });

  // Not found and rule violations.
  await refused('unknown unit', { url: '/v1/assignments', body: assignmentBody(w.c1, '00099') }, { status: 404, code: 'UNIT_NOT_FOUND', field: 'unitCode' });
  await refused('unknown visit', { url: `/v1/visits/${w.c1}/cancel`, token: cadre, body: { reason: 'x' } }, { status: 404, code: 'VISIT_NOT_FOUND' });
  await refused('unit outside the committee', {
    url: '/v1/assignments', token: w.tokens.organizer02, body: { ...assignmentBody(w.c3, '00004'), committeeUnitCode: '02' },
  }, { status: 409, code: 'UNIT_OUTSIDE_COMMITTEE' });

  // Bodies: size, encoding, syntax, media type.
  await refused('a body over 1 MB', { url: '/v1/agencies', body: { name: 'x'.repeat(1024 * 1024 + 10), kind: 'other', unitCode: '01' } }, { status: 413, code: 'BODY_TOO_LARGE' });
  await refused('not UTF-8', {
    url: '/v1/agencies',
    body: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('","kind":"other","unitCode":"01"}')]),
    headers: { 'content-type': 'application/json' },
  }, { status: 400, code: 'BODY_INVALID_JSON' });
  await refused('invalid JSON', { url: '/v1/agencies', body: '{"name": "x",', headers: { 'content-type': 'application/json' } }, { status: 400, code: 'BODY_INVALID_JSON' });
  await refused('wrong content type', { url: '/v1/agencies', body: 'name=x', headers: { 'content-type': 'text/plain' } }, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  await refused('form encoded', { url: '/v1/agencies', body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });

  t.test('an unknown field is refused on every command route', async (t) => {
    const routes = await commandRouteTemplates(kit);
    t.equal(routes.length, 37, "37 command routes");
    const token = (url: string) =>
      url.endsWith('/cancel') ? cadre
        : url.startsWith('/v1/visits/{id}') ? w.tokens['unit-committee']
          : url.startsWith('/v1/visits') || url.startsWith('/v1/reports') ? cadre
            : url.startsWith('/v1/evaluations') || url.startsWith('/v1/unit-ratings') ? w.tokens['unit-committee']
              : url.endsWith('/answer') ? w.tokens.agency : admin;
    for (const template of routes) {
      const url = template.replace('{id}', w.c1).replace('{code}', '00001');
      const before = await kit.count();
      const res = await kit.post(url, token(template), { bogus: true });
      t.same([res.statusCode, res.json().code], [400, 'VALIDATION_FAILED'], `${template}`);
      t.equal(await kit.count(), before);
    }
  });

  t.test('a valid request still succeeds afterwards', async (t) => {
    t.equal(created(await kit.post('/v1/visits', cadre, visit({}))).events.length, 1);
  });
});
