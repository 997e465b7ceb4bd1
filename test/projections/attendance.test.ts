import t from 'tap';
import { attendance } from '../../projections/attendance/projection.js';
import { queryAttendance, type AttendanceAnswer } from '../../projections/attendance/queries.js';
import { daysOf, lateVisit, projectedWorld, recountAttendance } from './attendance.world.js';

const all = { kind: 'all' } as const;

t.test('attendance: days, visits, cell meetings, quota and status, recounted from the events', async (t) => {
  const { h, ids, events } = await projectedWorld(t, [attendance]);
  const db = h.database.db;
  const q = (year: number, today: string, extra: Partial<Parameters<typeof queryAttendance>[1]> = {}) =>
    queryAttendance(db, { year, today, scope: all, limit: 100, offset: 0, ...extra });
  const rowOf = (a: AttendanceAnswer, cadreId: string) => a.rows.find((r) => r.cadreId === cadreId);

  const y2024 = await q(2024, '2025-06-30');
  for (const cadreId of [ids.cadreX, ids.cadreY, ids.cadreW]) {
    const expected = recountAttendance(events, cadreId, 2024);
    const row = rowOf(y2024, cadreId);
    t.same({ days: row?.days, visits: row?.visits, partyCellMeetings: row?.partyCellMeetings }, expected, `cadre ${cadreId} 2024 recounted`);
  }
  // 1. X: the three-day visit counts three days, the cancelled and disputed ones none, and the
  //    visit across the new year two days in 2024 and two in 2025.
  t.equal(rowOf(y2024, ids.cadreX)?.days, 3 + 2);
  t.equal(rowOf(y2024, ids.cadreX)?.confirmedDays, recountAttendance(events, ids.cadreX, 2024, ['confirmed']).days);
  const y2025 = await q(2025, '2025-06-30');
  t.equal(rowOf(y2025, ids.cadreX)?.days, recountAttendance(events, ids.cadreX, 2025).days);
  t.equal(rowOf(y2025, ids.cadreX)?.days, 2);
  t.same(rowOf(y2024, ids.cadreX)?.activities, { 'working-session': 1, 'party-cell-meeting': 2 });

  // 2. Quotas: X assigned all year: 36; Y from 1 July: 36 × 184/366 rounded up; W one third of
  //    the Monday–Friday days of 2024 (W's policy covers province 10).
  t.equal(rowOf(y2024, ids.cadreX)?.quota?.required, 36);
  const yAssigned = daysOf('2024-07-01', '2024-12-31').length;
  t.equal(rowOf(y2024, ids.cadreY)?.quota?.required, Math.ceil((36 * yAssigned) / 366));
  t.equal(rowOf(y2024, ids.cadreY)?.quota?.assignedDays, yAssigned);
  const weekdays = daysOf('2024-01-01', '2024-12-31').filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())).length;
  t.equal(rowOf(y2024, ids.cadreW)?.quota?.required, Math.ceil(weekdays / 3));
  t.equal(rowOf(y2024, ids.cadreX)?.status, 'behind', 'the year is over, 5 < 36');
  t.equal(rowOf(y2024, ids.cadreZ), undefined, 'Z has neither a visit nor an assignment in 2024');

  // 3. Status at today: early in the year few days keep pace.
  const early = await q(2024, '2024-01-05');
  t.equal(rowOf(early, ids.cadreX)?.status, 'on-track', `floor(36 × 5/366) = ${Math.floor((36 * 5) / 366)} ≤ 0 days so far`);
  t.equal(rowOf(await q(2024, '2024-01-20'), ids.cadreX)?.status, 'behind', `floor(36 × 20/366) = ${Math.floor((36 * 20) / 366)} > 0 days so far`);
  const march = await q(2024, '2024-03-10');
  t.equal(rowOf(march, ids.cadreX)?.status, 'behind', `floor(36 × 70/366) = ${Math.floor((36 * 70) / 366)} > 3 days so far`);

  // 4. Roll-ups add up the rows: per agency, district (of the followed commune) and province.
  const agencyA = y2024.rollups.agencies.find((r) => r.key === ids.agencyA);
  const aRows = y2024.rows.filter((r) => r.agencyId === ids.agencyA);
  t.equal(agencyA?.days, aRows.reduce((n, r) => n + r.days, 0));
  t.equal(agencyA?.cadres, 2);
  t.same(y2024.rollups.districts.map((r) => [r.key, r.cadres]), [['080', 2], [null, 1]].sort((a, b) => String(a[0] ?? '').localeCompare(String(b[0] ?? ''))));
  t.same(y2024.rollups.provinces.map((r) => [r.key, r.cadres]), [['10', 1], ['15', 2]]);

  // 5. Filters and paging.
  t.same((await q(2024, '2025-01-01', { provinceCode: '10' })).rows.map((r) => r.cadreId), [ids.cadreW]);
  t.same((await q(2024, '2025-01-01', { cadreId: ids.cadreY })).rows.map((r) => r.cadreId), [ids.cadreY]);
  const paged = await q(2024, '2025-01-01', { limit: 1, offset: 1 });
  t.equal(paged.total, 3);
  t.equal(paged.rows.length, 1);

  // 6. Scope: a province sees its own cadres; a cadre itself; a unit committee the cadres at its unit.
  t.same((await q(2024, '2025-01-01', { scope: { kind: 'province', provinceCode: '10' } })).rows.map((r) => r.cadreId), [ids.cadreW]);
  t.same((await q(2024, '2025-01-01', { scope: { kind: 'cadre', cadreId: ids.cadreX } })).rows.map((r) => r.cadreId), [ids.cadreX]);
  t.same((await q(2024, '2025-01-01', { scope: { kind: 'unit', unitCode: '02812' } })).rows.map((r) => r.cadreId), [ids.cadreY]);
  t.equal((await q(2024, '2025-01-01', { scope: { kind: 'unit', unitCode: '080' } })).total, 2, 'a district committee sees its communes');
});

t.test('attendance: a visit logged late lands in its year; a rebuild gives the same rows', async (t) => {
  const { h, ids, events } = await projectedWorld(t, [attendance]);
  const before = await queryAttendance(h.database.db, { year: 2024, today: '2025-01-01', scope: all, limit: 100, offset: 0 });
  const late = lateVisit(ids);
  await h.given(late);
  await h.project();
  const after = await queryAttendance(h.database.db, { year: 2024, today: '2025-01-01', scope: all, limit: 100, offset: 0 });
  const x = (a: AttendanceAnswer) => a.rows.find((r) => r.cadreId === ids.cadreX);
  t.equal(x(after)?.days, recountAttendance([...events, late], ids.cadreX, 2024).days);
  t.equal(x(after)?.days, (x(before)?.days ?? 0) + 2, 'two more days in 2024');
  t.equal(x(after)?.partyCellMeetings, (x(before)?.partyCellMeetings ?? 0) + 1);
  const y2025 = await queryAttendance(h.database.db, { year: 2025, today: '2025-01-01', scope: all, limit: 100, offset: 0 });
  t.equal(x(y2025)?.days, 2, '2025 is untouched');

  const live = [await h.digest('attendance_visits', 'visit_id'), await h.digest('attendance_context', 'position')];
  await h.runner.rebuild('attendance');
  t.same([await h.digest('attendance_visits', 'visit_id'), await h.digest('attendance_context', 'position')], live);
  t.same(await queryAttendance(h.database.db, { year: 2024, today: '2025-01-01', scope: all, limit: 100, offset: 0 }), after);
});
