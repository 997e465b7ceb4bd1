import { randomUUID } from 'node:crypto';
import t from 'tap';
import { directory } from '../../projections/directory/projection.js';
import { agencyNames, cadresById, unitNames } from '../../projections/directory/queries.js';
import { foldName } from '../../projections/unitLineage/fold.js';
import { unitLineage } from '../../projections/unitLineage/projection.js';
import { listUnits, predecessorsOf, unitsUnder, unitWithHistory } from '../../projections/unitLineage/queries.js';
import { openProjectionHarness, type Given } from '../helpers/projectionHarness.js';

const unit = (code: string, name: string, level: 'province' | 'district' | 'commune', parentCode: string | null, effectiveDate = '2020-01-01'): Given => ({
  stream: `unit-${code}`,
  event: { type: 'UnitEstablished', data: { code, name, type: name.split(' ')[0]!, level, parentCode, effectiveDate } },
});

// 1. Lào Cai (10) › Bát Xát district (082) › two communes merged on 1/7/2025 into 02809, which keeps
//    its code and takes a new name; the district level is abolished and the commune moves up.
const history: Given[] = [
  unit('10', 'Tỉnh Lào Cai', 'province', null),
  unit('082', 'Huyện Bát Xát', 'district', '10'),
  unit('02809', 'Thị trấn Bát Xát', 'commune', '082'),
  unit('02812', 'Xã Quang Kim', 'commune', '082'),
  unit('02815', 'Xã Đồng Tuyển', 'commune', '082'),
  { stream: 'unit-02809', event: { type: 'UnitsMerged', data: { fromCodes: ['02809', '02812'], intoCode: '02809', mergeType: 'full', effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' } } },
  { stream: 'unit-02809', event: { type: 'UnitRenamed', data: { code: '02809', name: 'Xã Bát Xát', type: 'Xã', effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' } } },
  { stream: 'unit-02809', event: { type: 'UnitReparented', data: { code: '02809', parentCode: '10', previousParentCode: '082', effectiveDate: '2025-07-01' } } },
  { stream: 'unit-02812', event: { type: 'UnitDissolved', data: { code: '02812', reason: 'merged', successorCodes: ['02809'], effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' } } },
  { stream: 'unit-082', event: { type: 'UnitDissolved', data: { code: '082', reason: 'abolished', successorCodes: [], effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' } } },
];

t.test('folding: with or without diacritics', async (t) => {
  t.equal(foldName('Xã Bát Xát'), 'xa bat xat');
  t.equal(foldName('Xã Đồng Tuyển'), 'xa dong tuyen');
});

t.test('unit lineage and directory: events in, rows out; a rebuild gives the same digests', async (t) => {
  const h = await openProjectionHarness([unitLineage, directory]);
  t.teardown(h.close);
  const agencyId = randomUUID();
  const cadreId = randomUUID();
  await h.given(...history,
    { stream: `agency-${agencyId}`, event: { type: 'AgencyRegistered', data: { agencyId, name: 'Sở Nông nghiệp', kind: 'state-department', unitCode: '10' } } },
    { stream: `agency-${agencyId}`, event: { type: 'AgencyRenamed', data: { agencyId, name: 'Sở Nông nghiệp và Môi trường', effectiveDate: '2025-03-01' } } },
    { stream: `cadre-${cadreId}`, event: { type: 'CadreRegistered', data: {
      cadreId, fullName: { commitment: 'a'.repeat(64) }, dateOfBirth: { commitment: 'b'.repeat(64) }, position: 'Phó Giám đốc', agencyId,
      level: 'province', expertise: [], inSuccessionPlan: false } } },
    { stream: `cadre-${cadreId}`, event: { type: 'CadrePositionChanged', data: { cadreId, position: 'Giám đốc', inSuccessionPlan: true, effectiveDate: '2025-05-01' } } },
  );
  await h.project();
  const db = h.database.db;

  // 2. Names as they stand now, as they stood, and found without diacritics.
  t.same((await listUnits(db, { q: 'bat xat', limit: 10, offset: 0 })).map((u) => [u.code, u.name]), [['02809', 'Xã Bát Xát'], ['082', 'Huyện Bát Xát']]);
  t.same((await listUnits(db, { q: 'bat xat', at: '2025-06-30', level: 'commune', limit: 10, offset: 0 })).map((u) => u.name), ['Thị trấn Bát Xát']);
  t.same((await listUnits(db, { q: 'BÁT', at: '2025-07-01', limit: 10, offset: 0 })).map((u) => u.code), ['02809'], 'the district is gone on 1/7/2025');
  t.same((await listUnits(db, { parent: '082', at: '2025-06-30', limit: 10, offset: 0 })).map((u) => u.code), ['02809', '02812', '02815']);
  t.same((await listUnits(db, { parent: '10', at: '2025-07-01', limit: 10, offset: 0 })).map((u) => u.code), ['02809']);
  t.same((await listUnits(db, { parent: '082', limit: 1, offset: 1 })).map((u) => u.code), ['02815'], 'paginated, current parents');

  // 3. One unit's history: every change recorded for it, in date order, and its predecessors.
  const u = await unitWithHistory(db, '02809');
  t.same(u?.history.map((c) => c.kind), ['established', 'merged-in', 'renamed', 'reparented']);
  t.same(u?.names.map((n) => [n.name, n.validFrom, n.validTo]), [['Thị trấn Bát Xát', '2020-01-01', '2025-07-01'], ['Xã Bát Xát', '2025-07-01', null]]);
  t.same(u?.parents.map((p) => p.parentCode), ['082', '10']);
  t.same(u?.predecessors.map((p) => p.code), ['02812']);
  t.same((await unitWithHistory(db, '02812'))?.history.map((c) => c.kind), ['established', 'merged-out', 'dissolved']);
  t.equal(await unitWithHistory(db, '99999'), undefined);
  t.same(await predecessorsOf(db, '02815'), []);

  // 4. Units under a province, on a date or at any time.
  t.same((await unitsUnder(db, '10', '2025-07-01')).sort(), ['02809', '10']);
  t.same((await unitsUnder(db, '10')).sort(), ['02809', '02812', '02815', '082', '10']);

  // 5. The directory: current names and postings; the cadre's name stays a commitment.
  t.equal((await unitNames(db, ['02809'])).get('02809'), 'Xã Bát Xát');
  t.equal((await agencyNames(db, [agencyId])).get(agencyId), 'Sở Nông nghiệp và Môi trường');
  t.match((await cadresById(db, [cadreId])).get(cadreId), { position: 'Giám đốc', agencyId, fullNameCommitment: 'a'.repeat(64) });

  // 6. Rebuilt from the first event beside the live tables: the same rows.
  const tables = { units: 'code', unit_names: 'code, position', unit_parents: 'code, position', unit_merges: 'from_code, position', unit_changes: 'code, position, kind' };
  const live = await Promise.all(Object.entries(tables).map(([v, o]) => h.digest(v, o)));
  const liveDirectory = await h.digest('directory_cadres', 'cadre_id');
  await h.runner.rebuild('unit-lineage');
  await h.runner.rebuild('directory');
  t.same(await Promise.all(Object.entries(tables).map(([v, o]) => h.digest(v, o))), live);
  t.equal(await h.digest('directory_cadres', 'cadre_id'), liveDirectory);
});
