import t from 'tap';
import { addDays, fromEpochDay, periodsOverlap, toEpochDay, todayInVietnam } from '#src/domain/time.js';

t.test('epoch days', async (t) => {
  t.equal(toEpochDay('1970-01-01'), 0);
  t.equal(toEpochDay('2000-03-01'), 11017);
  t.equal(fromEpochDay(-1), '1969-12-31');
  for (const date of ['1945-09-02', '2000-02-29', '2024-12-31', '2100-03-01']) t.equal(fromEpochDay(toEpochDay(date)), date);
  t.equal(addDays('2024-02-28', 1), '2024-02-29');
  t.equal(addDays('2025-02-28', 1), '2025-03-01');
  t.equal(addDays('2025-07-01', -1), '2025-06-30');
  t.equal(addDays('2024-12-31', 1), '2025-01-01');
});

t.test('today in Vietnam (UTC+07:00, no daylight saving)', async (t) => {
  t.equal(todayInVietnam('2025-03-01T16:59:59Z'), '2025-03-01');
  t.equal(todayInVietnam('2025-03-01T17:00:00Z'), '2025-03-02');
  t.equal(todayInVietnam('2025-03-01T23:30:00.123+07:00'), '2025-03-01');
  t.equal(todayInVietnam('2025-03-01T20:00:00-05:00'), '2025-03-02');
  t.equal(todayInVietnam('2024-12-31T17:00Z'), '2025-01-01');
  t.throws(() => todayInVietnam('2025-03-01'), /ISO 8601/);
  t.throws(() => todayInVietnam('yesterday'), /ISO 8601/);
});

t.test('periods', async (t) => {
  t.ok(periodsOverlap({ start: '2025-01-01', end: '2025-01-02' }, { start: '2025-01-02', end: null }), 'ends are inclusive');
  t.notOk(periodsOverlap({ start: '2025-01-01', end: '2025-01-01' }, { start: '2025-01-02', end: '2025-01-03' }));
  t.notOk(periodsOverlap({ start: '2025-07-01', end: '2025-06-30' }, { start: '2025-01-01', end: null }), 'an empty period overlaps nothing');
});
