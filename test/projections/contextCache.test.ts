import t from 'tap';
import { attendance } from '../../projections/attendance/projection.js';
import { loadContext } from '../../projections/attendance/contextQueries.js';
import { lateVisit, projectedWorld } from './attendance.world.js';

const nameOf = (ctx: Awaited<ReturnType<typeof loadContext>>, code: string) => {
  const unit = ctx.units.get(code);
  return unit?.status === 'established' ? unit.names.at(-1)?.value.name : undefined;
};

// loadContext keeps the fold between queries while the context table stays as it was, and folds
// again once the runner applied a context event or a rebuild switched the view to other tables.
t.test('a folded context is kept until a context event is projected or the build switches', async (t) => {
  const { h, ids } = await projectedWorld(t, [attendance]);
  const db = h.database.db;
  const first = await loadContext(db, 'attendance_context');
  t.equal(await loadContext(db, 'attendance_context'), first, 'asked again: the same fold');

  await h.given(lateVisit(ids));
  await h.project();
  t.equal(await loadContext(db, 'attendance_context'), first, 'a visit is no context event: still the same fold');

  await h.given({ stream: 'unit-02809', event: { type: 'UnitRenamed', data: { code: '02809', name: 'Xã A Mú Sung Mới', effectiveDate: '2025-01-01' } } });
  await h.project();
  const renamed = await loadContext(db, 'attendance_context');
  t.not(renamed, first, 'a context event: folded again');
  t.equal(nameOf(renamed, '02809'), 'Xã A Mú Sung Mới');
  t.equal(await loadContext(db, 'attendance_context'), renamed, 'and kept');

  await h.runner.rebuild('attendance');
  const rebuilt = await loadContext(db, 'attendance_context');
  t.not(rebuilt, renamed, 'the view reads another build: folded from its tables');
  t.equal(nameOf(rebuilt, '02809'), 'Xã A Mú Sung Mới', 'with the same content');
  await t.rejects(loadContext(db, 'attendance_visits'), /not a read model's context table/);
});
