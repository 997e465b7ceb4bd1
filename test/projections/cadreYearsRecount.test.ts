import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import type { ActivityKind } from '../../events/fieldwork.js';
import { attendance } from '../../projections/attendance/projection.js';
import { Random } from '../../src/demo/random.js';
import { openProjectionHarness, type Given } from '../helpers/projectionHarness.js';

/**
 * The cadre-years a rebuild counts all at once (recountAllCadreYears, one grouped pass) equal the
 * ones the live projection recounts batch by batch (insertCounts, per cadre-year): random visits
 * of a few cadres over three years, some across a new year, some confirmed, disputed, resolved or
 * cancelled, with activities on their days, projected in several batches and then rebuilt.
 */
const KINDS: ActivityKind[] = ['working-session', 'party-cell-meeting', 'field-work', 'conference'];
const UNITS = ['02809', '02812', '03001'];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function history(seed: number): { batches: Given[][]; spanning: number } {
  const random = new Random(seed);
  const cadres = Array.from({ length: 5 }, () => randomUUID());
  const events: Given[] = [];
  let spanning = 0;
  for (let i = 0; i < 60; i++) {
    const cadreId = cadres[random.int(0, cadres.length - 1)]!;
    // One in four starts in the last days of a year, so that many cross into the next.
    const year = random.int(2023, 2025);
    const start = random.int(0, 3) === 0 ? `${year}-12-${random.int(27, 31)}` : addDays(`${year}-01-01`, random.int(0, 360));
    const end = addDays(start, random.int(0, 5));
    if (start.slice(0, 4) !== end.slice(0, 4)) spanning += 1;
    const visitId = randomUUID();
    const stream = `fieldwork-${cadreId}-${start.slice(0, 4)}`;
    const length = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
    const activities = Array.from({ length: random.int(1, 4) }, () => ({ kind: KINDS[random.int(0, KINDS.length - 1)]!, date: addDays(start, random.int(0, length)) }));
    const unitCode = UNITS[random.int(0, UNITS.length - 1)]!;
    events.push({ stream, event: { type: 'VisitLogged', data: { visitId, cadreId, unitCode, startDate: start, endDate: end, purposes: ['nắm tình hình'], activities } }, occurredAt: start });
    switch (random.int(0, 4)) {
      case 0: events.push({ stream, event: { type: 'VisitConfirmed', data: { visitId, byUnitCode: unitCode } } }); break;
      case 1: events.push({ stream, event: { type: 'VisitDisputed', data: { visitId, byUnitCode: unitCode, reason: 'không có mặt' } } }); break;
      case 2:
        events.push({ stream, event: { type: 'VisitDisputed', data: { visitId, byUnitCode: unitCode, reason: 'không có mặt' } } });
        events.push({ stream, event: { type: 'VisitDisputeResolved', data: { visitId, byUnitCode: unitCode, reason: 'đã xác minh' } } });
        break;
      case 3: events.push({ stream, event: { type: 'VisitCancelled', data: { visitId, reason: 'mưa lũ' } } }); break;
      default: break;
    }
  }
  // A cadre whose only visit was cancelled keeps a cadre-year of zeros.
  const idle = randomUUID();
  const idleVisit = randomUUID();
  events.push({ stream: `fieldwork-${idle}-2024`, event: { type: 'VisitLogged', data: {
    visitId: idleVisit, cadreId: idle, unitCode: '02809', startDate: '2024-05-01', endDate: '2024-05-01', purposes: ['nắm tình hình'], activities: [{ kind: 'field-work', date: '2024-05-01' }],
  } } });
  events.push({ stream: `fieldwork-${idle}-2024`, event: { type: 'VisitCancelled', data: { visitId: idleVisit, reason: 'mưa lũ' } } });
  const batches: Given[][] = [];
  for (let i = 0; i < events.length; i += 25) batches.push(events.slice(i, i + 25));
  return { batches, spanning };
}

for (const seed of [1, 2, 3]) {
  t.test(`cadre-years counted at once equal the ones counted batch by batch (seed ${seed})`, async (t) => {
    const h = await openProjectionHarness([attendance]);
    t.teardown(h.close);
    const { batches, spanning } = history(seed);
    t.ok(spanning > 0, `${spanning} visits cross a new year`);
    for (const batch of batches) {
      await h.given(...batch);
      await h.project();
    }
    const db = h.database.db;
    const rows = (await sql<{ n: string; zeros: string; activities: string }>`
      SELECT count(*) AS n, count(*) FILTER (WHERE visits = 0) AS zeros, count(*) FILTER (WHERE activities <> '{}') AS activities
      FROM attendance_cadre_years`.execute(db)).rows[0]!;
    t.ok(Number(rows.n) >= 10, `${rows.n} cadre-years counted live`);
    t.ok(Number(rows.zeros) >= 1, 'one of them of zeros (its only visit cancelled)');
    t.ok(Number(rows.activities) >= 5, 'with activities counted');
    const live = await h.digest('attendance_cadre_years', 'year, cadre_id');
    await h.runner.rebuild('attendance');
    t.equal(await h.digest('attendance_cadre_years', 'year, cadre_id'), live, 'the rebuild counts the same rows');
  });
}
