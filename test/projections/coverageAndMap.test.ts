import { randomUUID } from 'node:crypto';
import t from 'tap';
import { assignmentHistory } from '../../projections/assignmentHistory/projection.js';
import { cadresWithSeveralUnits, communesByFollowers, coverageOn, pastTerm, type CoverageQuery } from '../../projections/coverage/queries.js';
import { mapRows } from '../../projections/currentMap/queries.js';
import { directory } from '../../projections/directory/projection.js';
import { unitLineage } from '../../projections/unitLineage/projection.js';
import { openProjectionHarness, type Given } from '../helpers/projectionHarness.js';

// A small seeded generator, so a failure replays; the expectations are recounted from the same
// list of assignments by the naive rules below, never read back from the read model.
function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

interface Planned { id: string; cadre: string; unit: string; kind: 'follow' | 'cell-meetings'; from: string; until?: string; term: string; endedOn?: string }

const communes = ['02809', '02812', '02815', '02818', '02821', '02824', '02827', '02830'];
const cadres = Array.from({ length: 6 }, () => randomUUID());
const days = ['2020-03-01', '2021-01-15', '2021-09-01', '2022-06-01', '2023-02-01', '2024-05-01', '2025-10-01'];

function plan(random: () => number): Planned[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  return Array.from({ length: 18 }, () => {
    const from = pick(days.slice(0, 5));
    const p: Planned = { id: randomUUID(), cadre: pick(cadres), unit: pick(communes), kind: random() < 0.8 ? 'follow' : 'cell-meetings', from, term: random() < 0.3 ? '2015-2020' : '2020-2025' };
    if (random() < 0.3) p.until = pick(days.filter((d) => d > from));
    if (random() < 0.25) p.endedOn = pick(days.filter((d) => d > from));
    return p;
  });
}

const validOn = (p: Planned, at: string) => p.from <= at && (p.until === undefined || p.until >= at) && (p.endedOn === undefined || p.endedOn > at);
const followersOn = (ps: Planned[], unit: string, at: string) => new Set(ps.filter((p) => p.unit === unit && p.kind === 'follow' && validOn(p, at)).map((p) => p.cadre));

function givenFor(p: Planned): Given[] {
  const assigned: Given = { stream: 'board-10', event: { type: 'CadreAssigned', data: {
    assignmentId: p.id, committeeUnitCode: '10', cadreId: p.cadre, unitCode: p.unit, kind: p.kind, decisionRef: '1-QĐ/TU', decisionDate: p.from,
    effectiveFrom: p.from, congressTerm: p.term, ...(p.until ? { effectiveUntil: p.until } : {}) } } };
  if (!p.endedOn) return [assigned];
  return [assigned, { stream: 'board-10', event: { type: 'AssignmentEnded', data: { assignmentId: p.id, reason: 'replaced', effectiveDate: p.endedOn } } }];
}

t.test('coverage and the map, recounted from the events', async (t) => {
  const h = await openProjectionHarness([assignmentHistory, unitLineage, directory]);
  t.teardown(h.close);
  const planned = plan(prng(20251122));
  // 1. The province and its communes; 02830 is dissolved at the end of 2022.
  await h.given({ stream: 'unit-10', event: { type: 'UnitEstablished', data: { code: '10', name: 'Tỉnh Lào Cai', type: 'Tỉnh', level: 'province', parentCode: null, effectiveDate: '2000-01-01' } } },
    ...communes.map((code, i): Given => ({ stream: `unit-${code}`, event: { type: 'UnitEstablished', data: { code, name: `Xã Số ${i}`, type: 'Xã', level: 'commune', parentCode: '10', effectiveDate: '2000-01-01' } } })),
    { stream: 'unit-02830', event: { type: 'UnitDissolved', data: { code: '02830', reason: 'abolished', successorCodes: [], effectiveDate: '2023-01-01', decisionRef: 'x' } } });
  // 2. Assignments recorded in a shuffled order: late records of early dates must land right.
  const shuffled = [...planned].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const p of shuffled) await h.given(...givenFor(p));
  await h.project();
  const db = h.database.db;
  const all = { limit: 1000, offset: 0 };

  for (const at of ['2020-06-01', '2021-09-01', '2022-06-01', '2023-06-01', '2026-03-01']) {
    const active = communes.filter((c) => c !== '02830' || at < '2023-01-01');
    const none = active.filter((c) => followersOn(planned, c, at).size === 0);
    const several = active.filter((c) => followersOn(planned, c, at).size > 1);
    t.same((await communesByFollowers(db, { at, ...all }, 'none')).items.map((c) => c.code), none, `no follower on ${at}`);
    const got = await communesByFollowers(db, { at, ...all }, 'several');
    t.same(got.items.map((c) => [c.code, [...c.cadreIds].sort()]), several.map((c) => [c, [...followersOn(planned, c, at)].sort()]), `several followers on ${at}`);
    t.equal(got.total, several.length);
    const busy = cadres.filter((c) => new Set(planned.filter((p) => p.cadre === c && p.kind === 'follow' && validOn(p, at)).map((p) => p.unit)).size > 1).sort();
    t.same((await cadresWithSeveralUnits(db, { at, ...all })).items.map((c) => c.cadreId), busy, `cadres with several units on ${at}`);
    const year = Number(at.slice(0, 4));
    const over = planned.filter((p) => !p.endedOn && p.from <= at && ((p.until !== undefined && p.until < at) || Number(p.term.slice(5)) < year));
    t.same((await pastTerm(db, { at, ...all })).items.map((p) => p.assignmentId).sort(), over.map((p) => p.id).sort(), `past their term on ${at}`);
    const map = await mapRows(db, { at, ...all });
    t.same(map.rows.map((r) => r.assignmentId).sort(), planned.filter((p) => validOn(p, at)).map((p) => p.id).sort(), `the map on ${at}`);
    // The dashboard's one statement answers what the four definitions answer: whole, scoped, paged.
    // Totals are the unpaged lists' lengths (a definition's window count says 0 past the last page).
    const someCommunes = communes.filter((_, i) => i % 3 === 0);
    for (const q of [{ at, ...all }, { at, within: someCommunes, ...all }, { at, limit: 2, offset: 1 }, { at, within: someCommunes, limit: 1, offset: 0 }] as CoverageQuery[]) {
      const definitions = async (p: CoverageQuery) => ({
        communesWithoutFollower: await communesByFollowers(db, p, 'none'),
        communesWithSeveralFollowers: await communesByFollowers(db, p, 'several'),
        cadresWithSeveralUnits: await cadresWithSeveralUnits(db, p),
        pastTerm: await pastTerm(db, p),
      });
      const [paged, whole] = [await definitions(q), await definitions({ ...q, ...all })];
      const expected = Object.fromEntries(Object.entries(paged).map(([k, v]) => [k, { items: v.items, total: whole[k as keyof typeof whole].total }]));
      t.same(await coverageOn(db, q), expected, `coverageOn on ${at} (${q.within ? 'scoped' : 'all'}, limit ${q.limit} offset ${q.offset}) as the definitions`);
    }
  }

  // 3. Scope: a unit set outside these communes sees nothing; pagination keeps totals.
  t.same((await communesByFollowers(db, { at: '2022-06-01', within: ['99999'], ...all }, 'none')).items, []);
  const first = await communesByFollowers(db, { at: '2026-03-01', limit: 1, offset: 0 }, 'none');
  t.ok(first.items.length <= 1);
  const map = await mapRows(db, { at: '2022-06-01', ...all });
  t.ok(map.rows.every((r) => r.unitName?.startsWith('Xã Số') && r.boardName === 'Tỉnh Lào Cai'), 'names from the directory');
});
