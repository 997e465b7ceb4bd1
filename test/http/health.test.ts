import t from 'tap';
import { openTestApp } from '../helpers/testApp.js';

t.test('healthz answers 200 once the database is migrated, and unknown routes 404 with a code', async (t) => {
  const { app, database, close } = await openTestApp();
  t.teardown(close);
  const health = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(health.statusCode, 200);
  t.same(health.json(), { status: 'ok', database: database.kind, headPosition: '0' });
  t.ok(health.headers['x-request-id'], 'every response names its request id');

  const missing = await app.inject({ method: 'GET', url: '/v1/nothing?x=1' });
  t.equal(missing.statusCode, 404);
  t.same(missing.json(), { code: 'NOT_FOUND', message: 'no route GET /v1/nothing' });

  const docs = await app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(docs.statusCode, 200);
  t.equal(docs.json().openapi.slice(0, 2), '3.');
});
