import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import { applyVisitEvents } from '../../projections/attendance/visitBatch.js';
import { visitsTableDdl } from '../../projections/attendance/visits.js';
import type { ProjectedEvent } from '../../src/projections/Projection.js';
import { openTestDatabase } from '../helpers/testDatabase.js';

// The visits batch takes a visit its batch logs as new without looking it up. These are the cases
// where that guess is wrong (a visit logged again, in a later batch, with events of its own and an
// amendment of its report alongside) and the ones where it is right: the rows must be what one
// statement per event gave, whichever batches the events come in.

let position = 0n;
const at = '2024-05-06T03:00:00.000Z';
function event(type: string, data: Record<string, unknown>): ProjectedEvent {
  position += 1n;
  return {
    type, data, position, streamId: 'fieldwork-x-2024', streamVersion: position, eventId: randomUUID(),
    occurredAt: new Date(at), recordedAt: new Date(at), metadata: {},
  } as unknown as ProjectedEvent;
}
const cadreId = randomUUID();
const logged = (visitId: string, day = '2024-05-02') =>
  event('VisitLogged', { visitId, cadreId, unitCode: '02809', startDate: day, endDate: day, purposes: ['x'], activities: [{ kind: 'field-work', date: day }] });

interface Row { visit_id: string; status: string; report_id: string | null; amendments: number; start_date: string; position: string }

t.test('a visit logged again in a later batch changes nothing but what its other events say', async (t) => {
  const database = await openTestDatabase();
  t.teardown(() => database.close());
  const table = 'visits_under_test';
  for (const statement of visitsTableDdl(table).split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) await sql.raw(statement).execute(database.db);
  const apply = (events: ProjectedEvent[]) => database.db.transaction().execute((trx) => applyVisitEvents(trx, table, events));
  const rows = async () => (await sql<Row>`SELECT visit_id, status, report_id, amendments, start_date::text AS start_date, position::text AS position
                                        FROM ${sql.table(table)} ORDER BY visit_id`.execute(database.db)).rows;

  const a = randomUUID();
  const b = randomUUID();
  const c = randomUUID();
  const d = randomUUID();
  const reportA = randomUUID();
  // Batch 1: A logged, reported; B logged and confirmed in the same batch; D logged.
  const first = await apply([logged(a), event('ReportFiled', { visitId: a, reportId: reportA }), logged(b), event('VisitConfirmed', { visitId: b }), logged(d)]);
  t.same(first.map((v) => v.visitId).sort(), [a, b, d].sort(), 'the three visits touched');

  // Batch 2: A logged again (other dates: must not win), then confirmed, its report amended twice;
  // C new, with a report filed and amended in the same batch; D logged again (nothing in the batch
  // leads to its stored row), then reported, its report amended, and confirmed.
  const reportC = randomUUID();
  const reportD = randomUUID();
  const again = logged(a, '2024-06-01');
  const confirmA = event('VisitConfirmed', { visitId: a });
  const second = await apply([
    again, confirmA, event('ReportAmended', { reportId: reportA }), logged(c),
    event('ReportFiled', { visitId: c, reportId: reportC }), event('ReportAmended', { reportId: reportC }), event('ReportAmended', { reportId: reportA }),
    logged(d, '2024-06-02'), event('ReportFiled', { visitId: d, reportId: reportD }), event('ReportAmended', { reportId: reportD }), event('VisitConfirmed', { visitId: d }),
  ]);
  const after = await rows();
  const rowA = after.find((r) => r.visit_id === a)!;
  t.same([rowA.start_date, rowA.status, rowA.report_id, rowA.amendments], ['2024-05-02', 'confirmed', reportA, 2], 'A: first dates kept, confirmed, amended twice (not four times)');
  const rowC = after.find((r) => r.visit_id === c)!;
  t.same([rowC.status, rowC.report_id, rowC.amendments], ['logged', reportC, 1], 'C: new, reported, amended once');
  t.equal(after.find((r) => r.visit_id === b)?.status, 'confirmed', 'B untouched by batch 2');
  const rowD = after.find((r) => r.visit_id === d)!;
  t.same([rowD.start_date, rowD.status, rowD.report_id, rowD.amendments], ['2024-05-02', 'confirmed', reportD, 1], 'D: first dates kept, reported, amended once, confirmed');
  t.equal(after.length, 4, 'no row twice');
  t.same(second.map((v) => v.visitId).sort(), [a, c, d].sort(), 'touched: A, C and D (again, from its stored row), once each');
  t.equal(rowA.position, (confirmA.position + 5n).toString(), "A's position: the last event that changed it (the second amendment)");

  // A new visit spelt in upper case, reported and amended in its batch: counted once.
  const e = randomUUID();
  const reportE = randomUUID();
  const fourth = await apply([logged(e.toUpperCase()), event('ReportFiled', { visitId: e.toUpperCase(), reportId: reportE.toUpperCase() }), event('ReportAmended', { reportId: reportE })]);
  const rowE = (await rows()).find((r) => r.visit_id === e)!;
  t.same([rowE.report_id, rowE.amendments], [reportE, 1], 'E: its report, amended once (the amendment spelt its report in lower case)');
  t.equal(fourth.length, 1, 'E touched once');

  // Batch 3: B logged again alone: nothing changes, nothing touched.
  const before = await rows();
  t.same(await apply([logged(b, '2024-07-07')]), [], 'nothing touched');
  t.same(await rows(), before, 'no row changed');

  // An upper-case spelling of a stored visit is the same visit to PostgreSQL.
  const third = await apply([logged(b.toUpperCase(), '2024-07-08'), event('VisitCancelled', { visitId: b.toUpperCase() })]);
  t.equal((await rows()).find((r) => r.visit_id === b)?.status, 'cancelled', 'B cancelled through its upper-case spelling');
  t.equal((await rows()).find((r) => r.visit_id === b)?.start_date, '2024-05-02', 'its dates kept');
  t.equal(third.length, 1, 'one visit touched');
});
