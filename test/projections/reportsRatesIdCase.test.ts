import { sql } from 'kysely';
import t from 'tap';
import { reports } from '../../projections/reports/projection.js';
import { queryReports, reportsFromVisits } from '../../projections/reports/queries.js';
import { projectedWorld } from './attendance.world.js';

// The rates are recounted per agency-year under the key PostgreSQL prints for a uuid (lower case),
// whatever case the event data spelt the agency in: a cadre transferred to an agency named in
// upper case, then two visits of the same year in two batches, the second recounting the
// agency-year the first wrote.
t.test('reports rates: an agency id spelt in upper case in event data recounts its own rows', async (t) => {
  const { h, ids } = await projectedWorld(t, [reports]);
  const upper = ids.agencyB.toUpperCase();
  const visit = (visitId: string, day: string) => ({
    stream: `fieldwork-${ids.cadreX}-2026`, occurredAt: day,
    event: { type: 'VisitLogged' as const, data: { visitId, cadreId: ids.cadreX, unitCode: '02809', startDate: day, endDate: day, purposes: ['Nắm tình hình'], activities: [{ kind: 'field-work' as const, date: day }] } },
  });
  await h.given({ stream: `cadre-${ids.cadreX}`, event: { type: 'CadreTransferred', data: {
    cadreId: ids.cadreX, fromAgencyId: ids.agencyA, toAgencyId: upper, position: 'Phó Giám đốc', level: 'province', effectiveDate: '2026-01-01', decisionRef: '7-QĐ/TU',
  } } });
  await h.given(visit('00000000-0000-4000-8000-0000000000c1', '2026-02-02'));
  await h.project();
  await h.given(visit('00000000-0000-4000-8000-0000000000c2', '2026-03-03'));
  await h.project();

  const rows = (await sql<{ key: string; visits: number }>`
    SELECT key, visits FROM reports_rates WHERE year = 2026 AND by_agency`.execute(h.database.db)).rows;
  t.same(rows, [{ key: ids.agencyB, visits: 2 }], 'one row, both visits, keyed in lower case');
  const q = { year: 2026, today: '2026-06-30', scope: { kind: 'all' } as const, limit: 100, offset: 0 };
  t.same((await queryReports(h.database.db, q)).byCadre, (await reportsFromVisits(h.database.db, q)).byCadre);
});
