import t, { type Test } from 'tap';
import { boardStream, unitStream } from '#events/streams.js';
import type { UnitsMerged } from '#events/units.js';
import type { Actor } from '#src/domain/actor.js';
import { boardDecider, followersOf, type AssignCadre, type BoardContexts, type BoardState } from '#src/domain/board/index.js';
import { DomainError } from '#src/domain/errors.js';
import { nameOn, parentOn, unitDecider, unitStatusOn } from '#src/domain/unit/index.js';
import { handleCommand } from '#src/commands/handleCommand.js';
import { loadStream } from '#src/commands/loadStream.js';
import {
  dissolveUnit, establishUnit, mergeUnits, renameUnit, reparentUnit, unitFactOnDate, storeUnitStates,
} from '#src/commands/unit/index.js';
import { canonicalize } from '#src/ledger/jcs.js';
import { PostgresEventStore } from '#src/store/postgres/PostgresEventStore.js';
import { databaseKind, openTestDatabase } from '../helpers/testDatabase.js';

const actor: Actor = { userId: 'u-admin', role: 'admin' };
const NOW = new Date('2025-08-01T03:00:00Z');
const CADRE = '00000000-0000-4000-8000-000000000001';
const ASSIGNMENT = '00000000-0000-4000-8000-000000000101';

// A piece of Lào Cai before 2025 (domain-notes §6): province 10, district 080, communes 02641, 02644.
const province = { code: '10', name: 'Tỉnh Lào Cai', type: 'Tỉnh', level: 'province', parentCode: null, effectiveDate: '2024-01-01' } as const;
const district = { code: '080', name: 'Thành phố Lào Cai', type: 'Thành phố thuộc tỉnh', level: 'district', parentCode: '10', effectiveDate: '2024-01-01' } as const;
const commune = (code: string, name: string) => ({ code, name, type: 'Phường', level: 'commune', parentCode: '080', effectiveDate: '2024-01-01' } as const);
const merge: UnitsMerged = { fromCodes: ['02641', '02644'], intoCode: '02641', mergeType: 'full', effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' };

async function openStore(t: Test) {
  const database = await openTestDatabase();
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  t.teardown(async () => {
    await store.close();
    await database.close();
  });
  const deps = { store, now: () => NOW };
  for (const data of [province, district, commune('02641', 'Phường Duyên Hải'), commune('02644', 'Phường Lào Cai')]) {
    await establishUnit(deps, data, actor);
  }
  return { store, deps };
}

const unitState = async (store: PostgresEventStore, code: string) =>
  (await loadStream(store, unitStream(code), unitDecider.initialState, unitDecider.evolve)).state;

t.test(`unit handlers on ${databaseKind}`, async (t) => {
  t.test('establish: parent facts come from the store; a repeat appends nothing', async (t) => {
    const { store, deps } = await openStore(t);
    const fact = await unitFactOnDate(storeUnitStates(store), '02641', '2024-06-01');
    t.same(fact?.ancestors, [{ code: '080', level: 'district' }, { code: '10', level: 'province' }]);
    const again = await establishUnit(deps, commune('02641', 'Phường Duyên Hải'), actor, { requestId: 'r-2' });
    t.same(again.events, [], 'nothing appended');
    t.equal(again.version, 1n);
    const orphan = await establishUnit(deps, { ...commune('02650', 'Xã Vạn Hòa'), parentCode: '081' }, actor).catch((e: unknown) => e);
    t.ok(orphan instanceof DomainError && orphan.code === 'UNIT_NOT_FOUND' && orphan.field === 'parentCode', 'unknown parent refused');
    const [stored] = await store.readStream(unitStream('02641'));
    t.match(stored?.metadata, { actor: 'u-admin', role: 'admin' });
    t.equal(stored?.occurredAt.toISOString(), '2023-12-31T17:00:00.000Z', 'occurredAt: the effective date at midnight in Vietnam');
  });

  t.test('rename and reparent (the 2025 two-tier model), each idempotent', async (t) => {
    const { store, deps } = await openStore(t);
    const rename = { code: '02641', name: 'Phường Cam Đường', type: 'Phường', effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' };
    t.equal((await renameUnit(deps, rename, actor)).events[0]?.type, 'UnitRenamed');
    t.same((await renameUnit(deps, rename, actor)).events, []);
    const reparent = { code: '02641', parentCode: '10', effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' };
    const moved = await reparentUnit(deps, reparent, actor);
    t.match(moved.events[0]?.data, { previousParentCode: '080', parentCode: '10' });
    t.same((await reparentUnit(deps, reparent, actor)).events, []);
    const state = await unitState(store, '02641');
    if (state.status !== 'established') throw new Error('not established');
    t.equal(nameOn(state, '2025-06-30')?.name, 'Phường Duyên Hải');
    t.equal(nameOn(state, '2025-07-01')?.name, 'Phường Cam Đường');
    t.equal(parentOn(state, '2025-07-01'), '10');
  });

  t.test('dissolve: successors must be active on the date', async (t) => {
    const { store, deps } = await openStore(t);
    const refused = await dissolveUnit(deps, { code: '080', reason: 'merged', successorCodes: ['081'], effectiveDate: '2025-07-01', decisionRef: 'x' }, actor)
      .catch((e: unknown) => e);
    t.ok(refused instanceof DomainError && refused.code === 'UNIT_NOT_FOUND', 'unknown successor');
    const abolished = { code: '080', reason: 'abolished' as const, successorCodes: [], effectiveDate: '2025-07-01', decisionRef: '202/2025/QH15' };
    t.equal((await dissolveUnit(deps, abolished, actor)).events.length, 1);
    t.same((await dissolveUnit(deps, abolished, actor)).events, [], 'repeat appends nothing');
    t.equal(unitStatusOn(await unitState(store, '080'), '2025-07-01'), 'ceased');
    t.equal(unitStatusOn(await unitState(store, '080'), '2025-06-30'), 'active');
  });

  t.test('merge: ends assignments to the old unit on every board and dissolves it', async (t) => {
    const { store, deps } = await openStore(t);
    // 1. The provincial committee's board assigns a cadre to follow 02644 (board decider directly).
    const assign: AssignCadre = {
      type: 'AssignCadre',
      data: {
        assignmentId: ASSIGNMENT, committeeUnitCode: '10', cadreId: CADRE, unitCode: '02644', kind: 'follow',
        decisionRef: '12-QĐ/TU', decisionDate: '2024-03-01', effectiveFrom: '2024-03-01', congressTerm: '2020-2025',
      },
      metadata: { now: NOW.toISOString(), actor },
    };
    const units = storeUnitStates(store);
    await handleCommand({
      store, streamId: boardStream('10'), command: assign,
      decider: { ...boardDecider, decide: (c: AssignCadre, s: BoardState, x: BoardContexts['AssignCadre']) => boardDecider.decide(c, s, x) },
      loadContext: async () => ({
        unit: await unitFactOnDate(units, '02644', '2024-03-01'),
        cadre: { cadreId: CADRE, asOf: '2024-03-01', active: true, agencyId: CADRE, level: 'province' as const, position: 'Phó Giám đốc Sở' },
        policy: null,
      }),
      occurredAt: () => new Date('2024-03-01T00:00:00+07:00'),
      metadata: { actor: 'u-admin', role: 'admin', requestId: null, correlationId: null, causationId: null },
    });
    // 2. Merge 02644 into 02641.
    const result = await mergeUnits(deps, merge, actor, { requestId: 'r-merge', correlationId: 'c-1' });
    t.equal(result.events[0]?.type, 'UnitsMerged');
    t.same(result.followUps.map((f) => [f.streamId, f.events.map((e) => e.type)]), [
      [boardStream('10'), ['AssignmentEnded']],
      [unitStream('02644'), ['UnitDissolved']],
    ]);
    // 3. The assignment ended on the merge date; the follow-ups name the merge as their cause.
    const board = (await loadStream(store, boardStream('10'), boardDecider.initialState, boardDecider.evolve)).state;
    t.same(followersOf(board, '02644', '2025-06-30'), [CADRE]);
    t.same(followersOf(board, '02644', '2025-07-01'), []);
    const ended = (await store.readStream(boardStream('10'))).at(-1);
    t.match(ended?.data, { reason: 'unit-merged', effectiveDate: '2025-07-01' });
    t.equal(ended?.metadata.causationId, result.events[0]?.id);
    t.equal(unitStatusOn(await unitState(store, '02644'), '2025-07-01'), 'ceased');
    // 4. Running it again appends nothing anywhere.
    const again = await mergeUnits(deps, merge, actor);
    t.same([again.events, ...again.followUps.map((f) => f.events)], [[], [], []]);
  });

  t.test('merge: a from-unit that does not exist the day before is refused', async (t) => {
    const { deps } = await openStore(t);
    const refused = await mergeUnits(deps, { ...merge, fromCodes: ['02641', '02647'] }, actor).catch((e: unknown) => e);
    t.ok(refused instanceof DomainError && refused.code === 'UNIT_NOT_FOUND' && refused.field === 'fromCodes.1');
  });
});
