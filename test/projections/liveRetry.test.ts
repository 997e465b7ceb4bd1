import { sql } from 'kysely';
import t from 'tap';
import { evaluations } from '../../projections/evaluations/projection.js';
import type { Projection } from '../../src/projections/Projection.js';
import { ProjectionRunner } from '../../src/projections/ProjectionRunner.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';
import { buildWorld, evaluationEvents } from './attendance.world.js';

// A live read model whose batch fails (the database away for a moment, a deadlock, a bug fixed by
// a redeploy of another process) must not stay behind until the server restarts: the runner
// follows the store again from its checkpoint, after a pause, and logs each failure.
t.test('a live projection that fails starts again from its checkpoint, and stops when told', async (t) => {
  let failuresLeft = 3;
  const flaky: Projection = {
    ...evaluations,
    async apply(trx, events, tables, options) {
      await evaluations.apply(trx, events, tables, options);
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('batch failed');
      }
    },
  };
  const h = await openProjectionHarness([flaky]);
  t.teardown(h.close);
  const logged: { failures: number; retryInMs: number }[] = [];
  const log = { error: (o: { failures: number; retryInMs: number }) => logged.push(o), warn: () => undefined, info: () => undefined } as never;
  const runner = new ProjectionRunner(h.database, h.store, [flaky], log, { initialMs: 5, maxMs: 20 });
  const { ids, events } = buildWorld();
  const last = await h.given(...events, ...evaluationEvents(ids).events);
  await runner.start();
  const position = async () => BigInt((await sql<{ p: string }>`SELECT position::text AS p FROM projection_state WHERE name = 'evaluations' AND status = 'active'`.execute(h.database.db)).rows[0]!.p);
  const deadline = Date.now() + 20_000;
  while ((await position()) < last && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  t.equal(await position(), last, 'caught up after three failed batches');
  t.same(logged.map((l) => l.failures), [1, 2, 3], 'each failure logged, counted');
  t.same(logged.map((l) => l.retryInMs), [5, 10, 20], 'pauses doubling up to the most');
  // The rows are what a run without failures gives (nothing counted twice by the failed batches):
  // a rebuild from the first event, which fails no more, gives the same digest.
  const live = await h.digest('evaluations_cadres', 'evaluation_id');
  await runner.stop();
  await h.runner.rebuild('evaluations');
  t.equal(await h.digest('evaluations_cadres', 'evaluation_id'), live, 'the same rows as a rebuild without failures');
  await runner.start();

  // Failing for good: stop() ends the pauses at once.
  failuresLeft = Number.POSITIVE_INFINITY;
  await h.given(evaluationEvents(ids).events[0]!);
  const slow = new ProjectionRunner(h.database, h.store, [flaky], log, { initialMs: 60_000, maxMs: 60_000 });
  await slow.start();
  await runner.stop();
  const before = logged.length;
  while (logged.length === before) await new Promise((r) => setTimeout(r, 10));
  const started = Date.now();
  await slow.stop();
  t.ok(Date.now() - started < 5_000, 'stop() does not wait out a pause of a minute');
});

t.test('start() twice, and start() while stop() is pending, leave one follower per build that stop() stops', async (t) => {
  const h = await openProjectionHarness([evaluations]);
  t.teardown(h.close);
  const runner = new ProjectionRunner(h.database, h.store, [evaluations]);
  const { ids, events } = buildWorld();
  const evaluated = evaluationEvents(ids).events;
  await h.given(...events);
  const position = async () => BigInt((await sql<{ p: string }>`SELECT position::text AS p FROM projection_state WHERE name = 'evaluations' AND status = 'active'`.execute(h.database.db)).rows[0]!.p);
  const reached = async (target: bigint) => {
    const deadline = Date.now() + 10_000;
    while ((await position()) < target && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return position();
  };
  await Promise.all([runner.start(), runner.start()]);
  // Following live (both starts' subscriptions would be open by now).
  const first = await h.given(evaluated[0]!);
  t.equal(await reached(first), first, 'followed live');
  await Promise.all([runner.stop(), runner.start()]);
  const second = await h.given(evaluated[1]!);
  t.equal(await reached(second), second, 'followed live after the stop and start');
  await runner.stop();
  await h.given(...evaluated.slice(2));
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(await position(), second, 'nothing projected after the last stop()');
});
