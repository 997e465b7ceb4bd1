import t from 'tap';
import { TokenStore } from '../../src/auth/TokenStore.js';
import { answerCacheOf } from '../../src/projections/AnswerCache.js';
import { openTestApp } from '../helpers/testApp.js';

// The routes that keep answers name read models that exist (a name without an active build would
// keep nothing, silently), and a rebuild, which switches the build, makes them work answers out again.
t.test('coverage, recommendations, evaluations, attendance and reports keep their answers until their read models change', async (t) => {
  const kit = await openTestApp({ startProjections: true });
  t.teardown(() => kit.close());
  const admin = (await new TokenStore(kit.database).create({ role: 'admin' })).token;
  const routes = ['/v1/dashboard/coverage', '/v1/dashboard/recommendations', '/v1/dashboard/evaluations', '/v1/dashboard/attendance', '/v1/dashboard/reports'];
  const ask = async () => {
    for (const url of routes) {
      const res = await kit.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });
      t.equal(res.statusCode, 200, url);
    }
  };
  const kept = () => answerCacheOf(kit.database).size;
  await ask();
  t.equal(kept(), 5, 'one answer kept per route');
  await ask();
  t.equal(kept(), 5, 'asked again: the kept ones');
  await kit.projections.rebuildMany(['assignment-history', 'recommendations', 'evaluations', 'attendance', 'reports']);
  await ask();
  t.equal(kept(), 10, 'after a rebuild: worked out again, under the new builds');
});
