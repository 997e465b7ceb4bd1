import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import { assignmentHistory } from '../../projections/assignmentHistory/projection.js';
import { queryAssignments } from '../../projections/assignmentHistory/queries.js';
import type { Projection } from '../../src/projections/Projection.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';

const cadreA = randomUUID();
const cadreB = randomUUID();
const a1 = randomUUID();
const a2 = randomUUID();
const assigned = (assignmentId: string, cadreId: string, unitCode: string, effectiveFrom: string) => ({
  stream: 'board-10',
  event: {
    type: 'CadreAssigned' as const,
    data: {
      assignmentId, committeeUnitCode: '10', cadreId, unitCode, kind: 'follow' as const,
      decisionRef: '718-QĐ/TU', decisionDate: effectiveFrom, effectiveFrom, congressTerm: '2020-2025',
    },
  },
});

t.test('bitemporal: who followed a unit on a date, as the ledger knew it at a time', async (t) => {
  const h = await openProjectionHarness([assignmentHistory]);
  t.teardown(h.close);
  await h.given(assigned(a1, cadreA, '02809', '2021-01-01'));
  const beforeEnd = new Date();
  await new Promise((r) => setTimeout(r, 20));
  await h.given({
    stream: 'board-10',
    event: { type: 'CadreRotated', data: {
      committeeUnitCode: '10', cadreId: cadreA, endedAssignmentId: a1, assignmentId: a2, unitCode: '02812', kind: 'follow',
      decisionRef: '720-QĐ/TU', decisionDate: '2023-05-20', effectiveDate: '2023-06-01', congressTerm: '2020-2025', reason: 'luân chuyển',
    } },
  });
  await h.project();
  const db = h.database.db;
  const on = async (unit: string, at: string, knownAt?: Date) =>
    (await queryAssignments(db, { unitCodes: [unit], at, limit: 10, offset: 0, ...(knownAt ? { knownAt } : {}) })).map((r) => r.cadreId);
  t.same(await on('02809', '2022-03-01'), [cadreA], 'followed 02809 in 2022');
  t.same(await on('02809', '2023-07-01'), [], 'not after the rotation');
  t.same(await on('02809', '2023-07-01', beforeEnd), [cadreA], 'as known before the rotation was recorded');
  t.same(await on('02812', '2023-06-01'), [cadreA], 'the new unit from the rotation date');
  const timeline = await queryAssignments(db, { cadreId: cadreA, limit: 10, offset: 0 });
  t.same(timeline.map((r) => [r.unitCode, r.validFrom, r.validTo, r.endReason]), [
    ['02809', '2021-01-01', '2023-06-01', 'rotated'],
    ['02812', '2023-06-01', null, null],
  ]);
});

t.test('a rebuild produces the same rows as the live projection, blue/green', async (t) => {
  const h = await openProjectionHarness([assignmentHistory]);
  t.teardown(h.close);
  await h.given(assigned(randomUUID(), cadreA, '02809', '2021-01-01'), assigned(randomUUID(), cadreB, '02812', '2022-01-01'));
  await h.project();
  await h.given({ stream: 'board-10', event: { type: 'AssignmentEnded', data: { assignmentId: a1, reason: 'term-ended', effectiveDate: '2025-07-01' } } });
  await h.project();
  const live = await h.digest('assignment_versions', 'assignment_id, position');
  await h.runner.rebuild('assignment-history');
  t.equal(await h.digest('assignment_versions', 'assignment_id, position'), live);
  const status = await h.runner.status();
  t.same(status.builds.map((b) => [b.name, b.generation, b.status]), [['assignment-history', 2, 'active']]);
  t.equal(status.builds[0]!.lag, 0n);
});

t.test('a crash between apply and commit leaves no double count', async (t) => {
  let failOnce = true;
  const crashing: Projection = {
    ...assignmentHistory,
    async apply(trx, events, tables) {
      await assignmentHistory.apply(trx, events, tables);
      if (failOnce) {
        failOnce = false;
        throw new Error('crash before commit');
      }
    },
  };
  const h = await openProjectionHarness([crashing]);
  t.teardown(h.close);
  await h.given(assigned(randomUUID(), cadreA, '02809', '2021-01-01'), assigned(randomUUID(), cadreB, '02812', '2021-01-01'));
  await t.rejects(h.project(), { message: 'crash before commit' });
  const count = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM assignment_versions`.execute(h.database.db)).rows[0]!.n;
  t.equal(await count(), 0, 'the rows of the failed batch were rolled back with its checkpoint');
  await h.project();
  t.equal(await count(), 2, 'applied exactly once');
  await h.project();
  t.equal(await count(), 2, 'idempotent on a second run');
});

t.test('a new version builds beside the old one; queries read the old until it is caught up', async (t) => {
  const h = await openProjectionHarness([assignmentHistory]);
  t.teardown(h.close);
  await h.given(assigned(randomUUID(), cadreA, '02809', '2021-01-01'));
  await h.project();
  const v2 = new (await import('../../src/projections/ProjectionRunner.js')).ProjectionRunner(h.database, h.store, [{ ...assignmentHistory, version: 2 }]);
  await v2.ensureBuilds();
  const states = (await v2.status()).builds.map((b) => [b.version, b.status]);
  t.same(states, [[1, 'active'], [2, 'building']]);
  t.equal((await queryAssignments(h.database.db, { limit: 10, offset: 0 })).length, 1, 'the old build still answers');
  await v2.catchUp();
  t.same((await v2.status()).builds.map((b) => [b.version, b.status]), [[2, 'active']]);
  t.equal((await queryAssignments(h.database.db, { limit: 10, offset: 0 })).length, 1, 'the new build answers the same');
});
