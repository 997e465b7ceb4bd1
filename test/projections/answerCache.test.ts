import { sql } from 'kysely';
import t from 'tap';
import { attendance } from '../../projections/attendance/projection.js';
import { evaluations } from '../../projections/evaluations/projection.js';
import { queryEvaluations } from '../../projections/evaluations/queries.js';
import { queryAttendance } from '../../projections/attendance/queries.js';
import { reports } from '../../projections/reports/projection.js';
import { queryReports } from '../../projections/reports/queries.js';
import { AnswerCache } from '../../src/projections/AnswerCache.js';
import { readModelStamp } from '../../src/projections/readModelStamp.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';
import { buildWorld, evaluationEvents, lateVisit } from './attendance.world.js';

// An answer is kept under its read models' active builds and the last batch that changed them
// (changed_position): a visit, which the evaluations read model does not handle, moves its
// checkpoint but not the stamp; an evaluation does; so does a rebuild.
t.test('answers are kept until the read models they are read from change', async (t) => {
  const h = await openProjectionHarness([attendance, evaluations]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  await h.given(...events, ...evaluationEvents(ids).events);
  await h.project();
  const db = h.database.db;
  const cache = new AnswerCache();
  let computed = 0;
  const query = { scope: { kind: 'all' } as const, limit: 100, offset: 0, year: 2024 };
  const ask = (models: readonly string[] = ['evaluations']) => cache.answer(db, models, JSON.stringify(query), () => {
    computed += 1;
    return queryEvaluations(db, query);
  });
  const checkpoint = async () => (await sql<{ p: string }>`SELECT position::text AS p FROM projection_state WHERE name = 'evaluations' AND status = 'active'`.execute(db)).rows[0]!.p;

  const first = await ask();
  t.equal(await ask(), first, 'asked again: the kept answer');
  t.equal(computed, 1);

  const stamp = (await readModelStamp(db, ['evaluations'])).stamp;
  const before = await checkpoint();
  await h.given(lateVisit(ids));
  await h.project();
  t.not(await checkpoint(), before, 'a visit moves the evaluations checkpoint');
  t.equal((await readModelStamp(db, ['evaluations'])).stamp, stamp, 'but not its stamp');
  t.equal(await ask(), first, 'so the answer is kept');
  t.equal(computed, 1);

  await h.given({ stream: 'evaluations-03001-2024', event: { type: 'UnitRated', data: { committeeUnitCode: '10', unitCode: '03001', year: 2024, rating: 'excellent' } } });
  await h.project();
  const rated = await ask();
  t.equal(computed, 2, 'an evaluation event: worked out again');
  t.not(rated, first);
  t.same(rated, await queryEvaluations(db, query), 'and equal to a fresh answer');
  t.same(await ask(), rated);
  t.equal(computed, 2);

  await h.runner.rebuild('evaluations');
  t.same(await ask(), rated, 'after a rebuild: the same content');
  t.equal(computed, 3, 'worked out again from the new build');

  await ask(['evaluations', 'no-such-read-model']);
  await ask(['evaluations', 'no-such-read-model']);
  t.equal(computed, 5, 'a read model without an active build: never kept');
});

// Attendance and reports are kept too, between visits: a visit changes them, so the next answer
// is worked out again, and is the fresh one.
t.test('attendance and reports answers are worked out again after a visit', async (t) => {
  const h = await openProjectionHarness([attendance, reports]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  await h.given(...events);
  await h.project();
  const db = h.database.db;
  const cache = new AnswerCache();
  let computed = 0;
  const query = { scope: { kind: 'all' } as const, limit: 100, offset: 0, year: 2024, today: '2024-12-31' };
  const askAttendance = () => cache.answer(db, ['attendance'], JSON.stringify(['attendance', query]), () => {
    computed += 1;
    return queryAttendance(db, query);
  });
  const askReports = () => cache.answer(db, ['reports'], JSON.stringify(['reports', query]), () => {
    computed += 1;
    return queryReports(db, query);
  });
  const [attendanceBefore, reportsBefore] = [await askAttendance(), await askReports()];
  t.equal(await askAttendance(), attendanceBefore, 'attendance asked again: kept');
  t.equal(await askReports(), reportsBefore, 'reports asked again: kept');
  t.equal(computed, 2);

  await h.given(lateVisit(ids));
  await h.project();
  const [attendanceAfter, reportsAfter] = [await askAttendance(), await askReports()];
  t.equal(computed, 4, 'after a visit: both worked out again');
  t.same(attendanceAfter, await queryAttendance(db, query), 'attendance: the fresh answer');
  t.same(reportsAfter, await queryReports(db, query), 'reports: the fresh answer');
  t.not(JSON.stringify(attendanceAfter), JSON.stringify(attendanceBefore), 'which counts the visit');
  t.equal(reportsAfter.total, reportsBefore.total + 1, 'one visit more in the reports');
});
