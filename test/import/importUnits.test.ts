import t from 'tap';
import { nameOn, parentOn } from '#src/domain/unit/index.js';
import { buildImportPlan } from '#src/import/buildImportPlan.js';
import { importUnits } from '#src/import/importUnits.js';
import { indexUnitData, selectProvinces } from '#src/import/reformIndex.js';
import { readUnitData } from '#src/import/unitData.js';
import { canonicalize } from '#src/ledger/jcs.js';
import { PostgresEventStore } from '#src/store/postgres/PostgresEventStore.js';
import { databaseKind, openTestDatabase } from '../helpers/testDatabase.js';
import { activeCounts, communesByProvince, unitStates } from './unitCensus.js';
import { settle } from '../helpers/settle.js';

// Lào Cai 10 + Yên Bái 15, Bắc Kạn 06 + Thái Nguyên 19, Nghệ An 40, Bến Tre 83 + Trà Vinh 84 + Vĩnh
// Long 86 (domain-notes §6), and Quảng Trị 45 for the island district of Cồn Cỏ.
const ONLY = ['10', '06', '40', '83', '45'];
const now = () => new Date('2025-08-01T03:00:00Z');

t.test(`import-units on ${databaseKind}: a few provinces and their 2025 partners`, async (t) => {
  const database = await openTestDatabase();
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  t.teardown(async () => {
    await store.close();
    await database.close();
  });
  const concurrency = databaseKind === 'postgres' ? 8 : 1;
  const data = await readUnitData();
  const index = indexUnitData(data);

  // 1. Expected counts, recomputed from the CSVs.
  const oldProvinces = selectProvinces(index, ONLY);
  t.same([...oldProvinces].sort(), ['06', '10', '15', '19', '40', '44', '45', '83', '84', '86'], 'partners come along');
  const newProvinces = new Set([...oldProvinces].map((code) => index.newProvinceOf.get(code)));
  const inOld = (parent: string | null) => oldProvinces.has(parent ?? '') || oldProvinces.has(index.units2024.get(parent ?? '')?.parentCode ?? '');
  const before = {
    province: oldProvinces.size,
    district: data.units2024.filter((row) => row.level === 'district' && inOld(row.parentCode)).length,
    commune: data.units2024.filter((row) => row.level === 'commune' && inOld(row.parentCode)).length,
  };
  const after = {
    province: newProvinces.size,
    commune: data.units2025.filter((row) => row.level === 'commune' && newProvinces.has(row.parentCode ?? '')).length,
  };

  // 2. Import.
  const first = await importUnits({ store, now, concurrency, onlyProvinces: ONLY });
  await settle(store);
  const head = await store.headPosition();
  const states = await unitStates(store);
  t.same(activeCounts(states, '2025-06-30'), before, `before 1/7/2025: ${JSON.stringify(before)}`);
  t.same(activeCounts(states, '2025-07-01'), after, `from 1/7/2025: ${JSON.stringify(after)}`);
  // The table of domain-notes §6, province by province.
  t.match(communesByProvince(states, '2025-06-30'), { 10: 151, 15: 168, 19: 172, '06': 108, 86: 102, 83: 148, 84: 104, 40: 412 });
  t.match(communesByProvince(states, '2025-07-01'), { 15: 99, 19: 92, 86: 124, 40: 130 });
  t.equal(first.phases[0]?.appended.UnitEstablished, before.province + before.district + before.commune);

  t.test('the new Lào Cai keeps Yên Bái\'s code 15 and takes its name; Lào Cai 10 merged into it', async (t) => {
    const lc = states.get('15');
    if (lc?.status !== 'established') throw new Error('15 missing');
    t.equal(nameOn(lc, '2025-06-30')?.name, 'Tỉnh Yên Bái');
    t.equal(nameOn(lc, '2025-07-01')?.name, 'Tỉnh Lào Cai');
    t.match(lc.merges, [{ fromCodes: ['10', '15'], intoCode: '15', mergeType: 'full', effectiveDate: '2025-07-01' }]);
    t.match(states.get('10'), { dissolved: { reason: 'merged', successorCodes: ['15'], effectiveDate: '2025-07-01' } });
  });

  t.test('a partial merge: Xã Ngãi Tứ (29764) was split between 29767 and 29770', async (t) => {
    t.match(states.get('29764'), { dissolved: { reason: 'split', successorCodes: ['29767', '29770'], effectiveDate: '2025-07-01' } });
    for (const code of ['29767', '29770']) {
      const into = states.get(code);
      if (into?.status !== 'established') throw new Error(`${code} missing`);
      t.ok(into.merges.some((m) => m.mergeType === 'partial' && m.fromCodes.includes('29764')), `${code} received part of it`);
      t.equal(parentOn(into, '2025-07-01'), '86', `${code} lies directly under Vĩnh Long`);
    }
    // Phường Cái Vồn (29770) gave a part away but kept its code: it goes on.
    t.match(states.get('29770'), { status: 'established', dissolved: null });
  });

  t.test('an island district becomes a đặc khu: Cồn Cỏ 471 → 19742', async (t) => {
    const special = states.get('19742');
    if (special?.status !== 'established') throw new Error('19742 missing');
    t.match(special.established, { type: 'Đặc khu tại hải đảo', level: 'commune', parentCode: '44', effectiveDate: '2025-07-01' });
    t.match(special.merges, [{ fromCodes: ['471'], intoCode: '19742', mergeType: 'full' }]);
    t.match(states.get('471'), { level: 'district', dissolved: { reason: 'merged', successorCodes: ['19742'] } });
  });

  t.test('districts are abolished on 1/7/2025', async (t) => {
    t.match(states.get('080'), { dissolved: { reason: 'abolished', successorCodes: [], effectiveDate: '2025-07-01' } });
  });

  t.test('a second run appends nothing', async (t) => {
    const second = await importUnits({ store, now, concurrency, onlyProvinces: ONLY });
    t.same(second.phases.map((phase) => phase.appended), [{}, {}]);
    await settle(store);
    t.equal(await store.headPosition(), head);
  });

  t.test('--until 2024 plans the baseline only', async (t) => {
    const plan = buildImportPlan(data, { onlyProvinces: ['40'], until: 2024 });
    t.same(plan.phases.map((phase) => phase.name), ['2024']);
    t.same(plan.phases[0]?.stages.map((stage) => stage.tasks.length), [1, 20, 412], 'Nghệ An: 1 province, 20 districts, 412 communes');
  });
});
