import t from 'tap';
import { loadCadreYears, loadCadreYearsAt } from '../../projections/attendance/cadreYears.js';
import { attendance } from '../../projections/attendance/projection.js';
import type { Executor } from '../../src/projections/Projection.js';
import { lateVisit, projectedWorld } from './attendance.world.js';

// The cadre-year facts kept between answers: the same rows while the read model stays, read again
// the moment it moves (a batch, a rebuild), and never a day's figures for another day.

t.test('attendance facts: kept while the read model stays, read again when it moves', async (t) => {
  const { h, ids } = await projectedWorld(t, [attendance]);
  const db = h.database.db;
  const snapshot = <T>(f: (trx: Executor) => Promise<T>) => db.transaction().setIsolationLevel('repeatable read').execute(f);
  const kept = (year: number, today: string) => snapshot((trx) => loadCadreYearsAt(db, trx, year, today, false));
  const fresh = (year: number, today: string) => loadCadreYears(db, year, today, false);

  const first = await kept(2024, '2024-03-10');
  t.same(first, await fresh(2024, '2024-03-10'), 'the first answer reads the table');
  t.equal(await kept(2024, '2024-03-10'), first, 'the next answer on the same position reuses the same rows');

  const otherDay = await kept(2024, '2024-12-31');
  t.not(otherDay, first, 'another today is another entry');
  t.same(otherDay, await fresh(2024, '2024-12-31'));
  t.not(otherDay.get(ids.cadreX)?.daysSoFar, first.get(ids.cadreX)?.daysSoFar, 'days so far move with today');

  await h.given(lateVisit(ids));
  await h.project();
  const moved = await kept(2024, '2024-03-10');
  t.not(moved, first, 'a projected batch moves the checkpoint: the rows are read again');
  t.same(moved, await fresh(2024, '2024-03-10'));
  t.equal(moved.get(ids.cadreX)?.days, (first.get(ids.cadreX)?.days ?? 0) + 2, 'the late visit\'s two days are there');

  await h.runner.rebuild('attendance');
  const rebuilt = await kept(2024, '2024-03-10');
  t.not(rebuilt, moved, 'a rebuild switches the generation: the rows are read again');
  t.same(rebuilt, moved, 'and they are the same figures');
});
