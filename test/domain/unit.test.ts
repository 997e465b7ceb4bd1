import t from 'tap';
import type { UnitEvent } from '#events/registry.js';
import type { UnitEstablished } from '#events/units.js';
import {
  dissolutionsForMerge, nameOn, parentOn, unitDecider, unitStatusOn,
  type DissolveUnit, type EstablishUnit, type MergeUnits, type RenameUnit, type ReparentUnit,
} from '#src/domain/unit/index.js';
import { COMMUNE, DISTRICT, HAMLET, OTHER_COMMUNE, PROVINCE, meta, system, unitFact } from './fixtures.js';
import { specFor } from './givenWhenThen.js';

const given = specFor(unitDecider);

const communeData: UnitEstablished = {
  code: COMMUNE, name: 'Phường Duyên Hải', type: 'Phường', level: 'commune', parentCode: DISTRICT, effectiveDate: '2008-01-01',
};
const established: UnitEvent = { type: 'UnitEstablished', data: communeData };
const dissolved: UnitEvent = {
  type: 'UnitDissolved',
  data: { code: COMMUNE, reason: 'merged', successorCodes: [OTHER_COMMUNE], effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' },
};

const establish = (data: Partial<EstablishUnit['data']> = {}): EstablishUnit => ({
  type: 'EstablishUnit', data: { ...communeData, ...data }, metadata: meta(system),
});
const rename = (data: Partial<RenameUnit['data']> = {}): RenameUnit => ({
  type: 'RenameUnit', data: { code: COMMUNE, name: 'Xã Duyên Hải', type: 'Xã', effectiveDate: '2020-01-01', ...data }, metadata: meta(),
});
const reparent = (data: Partial<ReparentUnit['data']> = {}): ReparentUnit => ({
  type: 'ReparentUnit', data: { code: COMMUNE, parentCode: PROVINCE, effectiveDate: '2025-07-01', ...data }, metadata: meta(system),
});
const mergeData: MergeUnits['data'] = {
  fromCodes: [COMMUNE, OTHER_COMMUNE], intoCode: COMMUNE, mergeType: 'full', effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15',
};
const merge = (data: Partial<MergeUnits['data']> = {}): MergeUnits => ({ type: 'MergeUnits', data: { ...mergeData, ...data }, metadata: meta(system) });
const dissolve = (data: Partial<DissolveUnit['data']> = {}): DissolveUnit => ({
  type: 'DissolveUnit', data: { ...(dissolved.data as DissolveUnit['data']), ...data }, metadata: meta(system),
});

t.test('EstablishUnit', async (t) => {
  t.test('a province has no parent', async () => {
    const data = { code: PROVINCE, name: 'Tỉnh Lào Cai', type: 'Tỉnh', level: 'province', parentCode: null, effectiveDate: '1991-10-01' } as const;
    given([]).when(establish(data), { parent: null }).then([{ type: 'UnitEstablished', data }]);
  });
  t.test('a commune under an active district', async () => {
    given([]).when(establish(), { parent: unitFact(DISTRICT, '2008-01-01') }).then([established]);
  });
  t.test('a commune directly under its province (two-tier model from 1/7/2025)', async () => {
    const data = { code: '02650', parentCode: PROVINCE, effectiveDate: '2025-07-01' };
    given([]).when(establish(data), { parent: unitFact(PROVINCE, '2025-07-01') })
      .then([{ type: 'UnitEstablished', data: { ...communeData, ...data } }]);
  });
  t.test('a hamlet takes its commune code plus three digits', async () => {
    const data = { code: HAMLET, name: 'Tổ dân phố 1', type: 'Tổ dân phố', level: 'residents-group', parentCode: COMMUNE } as const;
    given([]).when(establish(data), { parent: unitFact(COMMUNE, '2008-01-01') }).then([{ type: 'UnitEstablished', data: { ...communeData, ...data } }]);
  });
  t.test('a residents\' group under a hamlet has 11 digits', async () => {
    const data = { code: `${HAMLET}002`, name: 'Tổ nhân dân tự quản số 2', type: 'Tổ nhân dân tự quản', level: 'residents-group', parentCode: HAMLET } as const;
    given([]).when(establish(data), { parent: unitFact(HAMLET, '2008-01-01') }).then([{ type: 'UnitEstablished', data: { ...communeData, ...data } }]);
  });
  t.test('establishing the same unit again appends nothing (a rerun import)', async () => {
    given([established]).when(establish(), { parent: unitFact(DISTRICT, '2008-01-01') }).then([]);
  });
  t.test('a code already established with other data is refused', async () => {
    given([established]).when(establish({ name: 'Phường Khác' }), { parent: unitFact(DISTRICT, '2008-01-01') })
      .thenThrows('UNIT_ALREADY_EXISTS', 'code');
  });
  t.test('the code length must fit the level', async () => {
    given([]).when(establish({ code: '2641' }), { parent: unitFact(DISTRICT, '2008-01-01') }).thenThrows('UNIT_LEVEL_INVALID', 'code');
  });
  t.test('only a province has no parent', async () => {
    given([]).when(establish({ parentCode: null }), { parent: null }).thenThrows('UNIT_LEVEL_INVALID', 'parentCode');
    given([]).when(establish({ code: PROVINCE, level: 'province' }), { parent: unitFact(DISTRICT, '2008-01-01') })
      .thenThrows('UNIT_LEVEL_INVALID', 'parentCode');
  });
  t.test('the parent must exist and be active on the effective date', async () => {
    given([]).when(establish(), { parent: null }).thenThrows('UNIT_NOT_FOUND', 'parentCode');
    given([]).when(establish(), { parent: unitFact(DISTRICT, '2008-01-01', { active: false }) }).thenThrows('UNIT_NOT_ACTIVE', 'parentCode');
  });
  t.test('the parent must be of a level that can hold the unit', async () => {
    const data = { code: `${DISTRICT}00001`.slice(0, 8), level: 'hamlet', parentCode: DISTRICT } as const;
    given([]).when(establish(data), { parent: unitFact(DISTRICT, '2008-01-01') }).thenThrows('UNIT_LEVEL_INVALID', 'parentCode');
  });
  t.test('a hamlet code must extend its commune code', async () => {
    const data = { code: '02644001', level: 'hamlet', parentCode: COMMUNE } as const;
    given([]).when(establish(data), { parent: unitFact(COMMUNE, '2008-01-01') }).thenThrows('UNIT_LEVEL_INVALID', 'code');
  });
  t.test('a context fact for another date is a handler bug, not a domain error', async (t) => {
    t.throws(() => unitDecider.decide(establish(), unitDecider.initialState(), { parent: unitFact(DISTRICT, '2025-01-01') }), /as of 2025-01-01/);
  });
});

t.test('RenameUnit', async (t) => {
  t.test('renames an active unit, possibly changing its type', async () => {
    given([established]).when(rename(), {}).then([{ type: 'UnitRenamed', data: rename().data }]);
  });
  t.test('may take effect in the future', async () => {
    given([established]).when(rename({ effectiveDate: '2026-01-01' }), {}).then([{ type: 'UnitRenamed', data: rename({ effectiveDate: '2026-01-01' }).data }]);
  });
  t.test('renaming to the name and type already in effect appends nothing (a rerun import)', async () => {
    const renamed: UnitEvent = { type: 'UnitRenamed', data: rename().data };
    given([established, renamed]).when(rename(), {}).then([]);
    given([established, renamed]).when(rename({ type: undefined }), {}).then([]);
    given([established]).when(rename({ name: communeData.name, type: communeData.type }), {}).then([]);
    given([established, renamed]).when(rename({ type: 'Phường' }), {}).then([{ type: 'UnitRenamed', data: rename({ type: 'Phường' }).data }]);
  });
  t.test('an unknown unit cannot be renamed', async () => {
    given([]).when(rename(), {}).thenThrows('UNIT_NOT_FOUND', 'code');
  });
  t.test('not before the unit was established', async () => {
    given([established]).when(rename({ effectiveDate: '2007-12-31' }), {}).thenThrows('UNIT_CHANGE_BEFORE_ESTABLISHMENT', 'effectiveDate');
  });
  t.test('not once the unit has ceased', async () => {
    given([established, dissolved]).when(rename({ effectiveDate: '2025-07-01' }), {}).thenThrows('UNIT_NOT_ACTIVE', 'code');
  });
});

t.test('ReparentUnit', async (t) => {
  t.test('moves a commune under its province and records the previous parent', async () => {
    given([established]).when(reparent(), { parent: unitFact(PROVINCE, '2025-07-01') })
      .then([{ type: 'UnitReparented', data: { ...reparent().data, previousParentCode: DISTRICT } }]);
  });
  t.test('the same parent appends nothing', async () => {
    given([established]).when(reparent({ parentCode: DISTRICT }), { parent: unitFact(DISTRICT, '2025-07-01') }).then([]);
  });
  t.test('the new parent must be active and of a fitting level', async () => {
    given([established]).when(reparent(), { parent: unitFact(PROVINCE, '2025-07-01', { active: false }) }).thenThrows('UNIT_NOT_ACTIVE', 'parentCode');
    given([established]).when(reparent({ parentCode: OTHER_COMMUNE }), { parent: unitFact(OTHER_COMMUNE, '2025-07-01') })
      .thenThrows('UNIT_LEVEL_INVALID', 'parentCode');
    given([established]).when(reparent({ parentCode: COMMUNE }), { parent: unitFact(COMMUNE, '2025-07-01') })
      .thenThrows('UNIT_LEVEL_INVALID', 'parentCode');
  });
});

t.test('MergeUnits', async (t) => {
  const fromUnits = [unitFact(COMMUNE, '2025-06-30'), unitFact(OTHER_COMMUNE, '2025-06-30')];
  t.test('records the merge in the stream of the unit merged into', async () => {
    given([established]).when(merge(), { fromUnits }).then([{ type: 'UnitsMerged', data: mergeData }]);
  });
  t.test('the same merge again appends nothing', async () => {
    given([established, { type: 'UnitsMerged', data: mergeData }]).when(merge(), { fromUnits }).then([]);
  });
  t.test('the unit merged into must exist and not have ceased', async () => {
    given([]).when(merge(), { fromUnits }).thenThrows('UNIT_NOT_FOUND', 'intoCode');
    given([established, { ...dissolved, data: { ...dissolved.data, effectiveDate: '2025-01-01' } } as UnitEvent])
      .when(merge(), { fromUnits }).thenThrows('UNIT_NOT_ACTIVE', 'intoCode');
  });
  t.test('every from-unit must exist the day before the merge', async () => {
    given([established]).when(merge(), { fromUnits: [fromUnits[0]!] }).thenThrows('UNIT_NOT_FOUND', 'fromCodes.1');
    given([established]).when(merge(), { fromUnits: [fromUnits[0]!, unitFact(OTHER_COMMUNE, '2025-06-30', { active: false })] })
      .thenThrows('UNIT_NOT_ACTIVE', 'fromCodes.1');
  });
});

t.test('DissolveUnit', async (t) => {
  const successors = [unitFact(OTHER_COMMUNE, '2025-07-01')];
  t.test('dissolves into its successors', async () => {
    given([established]).when(dissolve(), { successors }).then([dissolved]);
  });
  t.test('the same dissolution again appends nothing', async () => {
    given([established, dissolved]).when(dissolve(), { successors }).then([]);
  });
  t.test('another dissolution of a ceased unit is refused', async () => {
    given([established, dissolved]).when(dissolve({ decisionRef: 'other' }), { successors }).thenThrows('UNIT_NOT_ACTIVE', 'code');
  });
  t.test('a merge names a successor, a split two, an abolished district may name none', async () => {
    given([established]).when(dissolve({ successorCodes: [] }), { successors }).thenThrows('UNIT_SUCCESSORS_INVALID', 'successorCodes');
    given([established]).when(dissolve({ reason: 'split' }), { successors }).thenThrows('UNIT_SUCCESSORS_INVALID', 'successorCodes');
    given([established]).when(dissolve({ reason: 'abolished', successorCodes: [] }), { successors: [] })
      .then([{ type: 'UnitDissolved', data: { ...dissolved.data, reason: 'abolished', successorCodes: [] } } as UnitEvent]);
  });
  t.test('successors must be other units, active on the date', async () => {
    given([established]).when(dissolve({ successorCodes: [COMMUNE] }), { successors }).thenThrows('UNIT_SUCCESSORS_INVALID', 'successorCodes.0');
    given([established]).when(dissolve(), { successors: [] }).thenThrows('UNIT_NOT_FOUND', 'successorCodes.0');
  });
});

t.test('queries', async (t) => {
  const state = [
    established,
    { type: 'UnitRenamed', data: { code: COMMUNE, name: 'Xã B', effectiveDate: '2020-01-01' } },
    // recorded later but effective earlier: the timeline stays in date order
    { type: 'UnitRenamed', data: { code: COMMUNE, name: 'Xã A', effectiveDate: '2015-01-01' } },
    { type: 'UnitReparented', data: { code: COMMUNE, parentCode: PROVINCE, previousParentCode: DISTRICT, effectiveDate: '2025-07-01' } },
    dissolved,
  ].reduce((s, e) => unitDecider.evolve(s, e as UnitEvent), unitDecider.initialState());
  t.equal(unitStatusOn(unitDecider.initialState(), '2020-01-01'), 'unknown');
  t.equal(unitStatusOn(state, '2007-12-31'), 'not-yet-established');
  t.equal(unitStatusOn(state, '2025-06-30'), 'active');
  t.equal(unitStatusOn(state, '2025-07-01'), 'ceased');
  t.ok(state.status === 'established');
  if (state.status !== 'established') return;
  t.same(nameOn(state, '2016-06-01'), { name: 'Xã A', type: 'Phường' });
  t.same(nameOn(state, '2021-06-01'), { name: 'Xã B', type: 'Phường' });
  t.equal(parentOn(state, '2025-06-30'), DISTRICT);
  t.equal(parentOn(state, '2025-07-01'), PROVINCE);
});

t.test('dissolutionsForMerge', async (t) => {
  t.same(dissolutionsForMerge(mergeData), [
    { code: OTHER_COMMUNE, reason: 'merged', successorCodes: [COMMUNE], effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' },
  ]);
  t.same(dissolutionsForMerge({ ...mergeData, mergeType: 'partial' }), [], 'a split is for a person to settle');
});
