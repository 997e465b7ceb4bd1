import { sql } from 'kysely';
import t from 'tap';
import { reports } from '../../projections/reports/projection.js';
import { queryReports } from '../../projections/reports/queries.js';
import type { Projection } from '../../src/projections/Projection.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';
import { buildWorld, lateVisit, recountVisits } from './attendance.world.js';

const all = { kind: 'all' } as const;
const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

t.test('reports: filed, on time by the policy deadline, amended; rates per cadre and agency', async (t) => {
  const h = await openProjectionHarness([reports]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  await h.given(...events, lateVisit(ids));
  await h.project();
  const today = '2025-06-30';
  const answer = await queryReports(h.database.db, { year: 2024, today, scope: all, limit: 100, offset: 0 });

  // 1. Recount: every visit not cancelled that ended in 2024; filed dates and deadlines from the events.
  const given = [...events, lateVisit(ids)];
  const ended2024 = recountVisits(given).filter((v) => v.status !== 'cancelled' && v.endDate.startsWith('2024-'));
  t.same(answer.rows.map((r) => r.visitId).sort(), ended2024.map((v) => v.visitId).sort());
  const filed = new Map<string, string>();
  const amended = new Set<string>();
  for (const g of given) {
    if (g.event.type === 'ReportFiled') filed.set(g.event.data.visitId, g.occurredAt ?? '');
    if (g.event.type === 'ReportAmended') amended.add(g.event.data.reportId);
  }
  // Province 15 gives 7 days, province 10 gives 10 (the world's two policies).
  const deadline = (cadreId: string) => (cadreId === ids.cadreW ? 10 : 7);
  for (const v of ended2024) {
    const row = answer.rows.find((r) => r.visitId === v.visitId);
    const due = plusDays(v.endDate, deadline(v.cadreId));
    const filedOn = filed.get(v.visitId) ?? null;
    const state = filedOn === null ? (today > due ? 'missing' : 'pending') : filedOn <= due ? 'on-time' : 'late';
    t.same([row?.dueDate, row?.filedOn, row?.state], [due, filedOn, state], `visit ${v.visitId}`);
  }
  t.equal(answer.rows.find((r) => r.visitId === ids.v5)?.amended, amended.size === 1);
  t.notOk(answer.rows.some((r) => r.visitId === ids.v2), 'the visit across the new year belongs to 2025, the year it ended');

  // 2. Rates: filed and on time over the reports due.
  const x = answer.byCadre.find((r) => r.key === ids.cadreX);
  const xRows = answer.rows.filter((r) => r.cadreId === ids.cadreX);
  t.equal(x?.due, xRows.filter((r) => r.state !== 'pending').length);
  t.equal(x?.filed, xRows.filter((r) => r.filedOn !== null).length);
  t.equal(x?.onTime, 0, "X's only report was late");
  const y = answer.byCadre.find((r) => r.key === ids.cadreY);
  t.same([y?.filedRate, y?.onTimeRate, y?.amended], [1, 1, 1]);
  const agencyA = answer.byAgency.find((r) => r.key === ids.agencyA);
  t.equal(agencyA?.visits, answer.rows.filter((r) => r.agencyId === ids.agencyA).length);
  t.equal(agencyA?.filedRate, (agencyA?.filed ?? 0) / (agencyA?.due ?? 1));
  // The cadres' rates are a page (limit/offset, as the rows), in key order, with their number; the agencies' are whole.
  const cadreKeys = [...new Set(answer.rows.map((r) => r.cadreId))].sort();
  t.ok(cadreKeys.length >= 2, 'two cadres at least, for a page of one');
  t.equal(answer.cadres, cadreKeys.length);
  t.same(answer.byCadre.map((r) => r.key), cadreKeys);
  const second = await queryReports(h.database.db, { year: 2024, today, scope: all, limit: 1, offset: 1 });
  t.same(second.byCadre, [answer.byCadre[1]], 'limit 1 offset 1: the second cadre only');
  t.equal(second.cadres, answer.cadres, 'the number of cadres does not depend on the page');
  t.equal(second.total, answer.total);
  t.same(second.byAgency, answer.byAgency, 'every agency whatever the page');

  // 3. Province filter (the visited unit's) and scope.
  t.same((await queryReports(h.database.db, { year: 2024, provinceCode: '10', today, scope: all, limit: 100, offset: 0 })).rows.map((r) => r.visitId), [ids.v7]);
  t.same((await queryReports(h.database.db, { year: 2024, today, scope: { kind: 'cadre', cadreId: ids.cadreY }, limit: 100, offset: 0 })).rows.map((r) => r.visitId), [ids.v5]);

  // 4. A rebuild gives the same rows.
  const live = [await h.digest('reports_visits', 'visit_id'), await h.digest('reports_due', 'visit_id')];
  await h.runner.rebuild('reports');
  t.same([await h.digest('reports_visits', 'visit_id'), await h.digest('reports_due', 'visit_id')], live);
});

t.test('reports: a crash between apply and commit leaves no double count', async (t) => {
  let failOnce = true;
  const crashing: Projection = {
    ...reports,
    async apply(trx, events, tables) {
      await reports.apply(trx, events, tables);
      if (failOnce) {
        failOnce = false;
        throw new Error('crash before commit');
      }
    },
  };
  const h = await openProjectionHarness([crashing]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  await h.given(...events);
  await t.rejects(h.project(), { message: 'crash before commit' });
  const count = async () => (await sql<{ n: number; a: number }>`SELECT count(*)::int AS n, coalesce(sum(amendments), 0)::int AS a FROM reports_visits`.execute(h.database.db)).rows[0];
  t.same(await count(), { n: 0, a: 0 }, 'rolled back with its checkpoint');
  await h.project();
  await h.project();
  const visits = recountVisits(events).length;
  const amendments = events.filter((g) => g.event.type === 'ReportAmended').length;
  t.same(await count(), { n: visits, a: amendments }, 'each visit once, each amendment counted once');
  t.equal((await queryReports(h.database.db, { year: 2024, today: '2025-01-01', scope: all, limit: 100, offset: 0 })).rows.find((r) => r.visitId === ids.v5)?.amendments, 1);
});

t.test('reports due on each day around the due dates: the pre-counted rates agree with the rows', async (t) => {
  const h = await openProjectionHarness([reports]);
  t.teardown(h.close);
  const { ids, events } = buildWorld();
  await h.given(...events, lateVisit(ids));
  await h.project();
  const ask = (today: string) => queryReports(h.database.db, { year: 2024, today, scope: all, limit: 100, offset: 0 });
  const dueDates = [...new Set((await ask('2025-06-30')).rows.map((r) => r.dueDate).filter((d): d is string => d !== null))];
  // The day before, on and after each due date: rows with none, some and all of their unfiled due dates past.
  const days = [...new Set(dueDates.flatMap((d) => [plusDays(d, -1), d, plusDays(d, 1)]))].sort();
  t.ok(days.length >= 6, 'several due dates');
  for (const today of days) {
    const answer = await ask(today);
    const dueOf = (rows: typeof answer.rows) => rows.filter((r) => r.state !== 'pending').length;
    for (const c of answer.byCadre) t.equal(c.due, dueOf(answer.rows.filter((r) => r.cadreId === c.key)), `cadre ${c.key} on ${today}`);
    for (const a of answer.byAgency) t.equal(a.due, dueOf(answer.rows.filter((r) => (r.agencyId ?? null) === (a.key ?? null))), `agency ${a.key} on ${today}`);
  }
});
