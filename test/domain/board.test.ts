import t from 'tap';
import type { CadreAssigned } from '#events/assignments.js';
import type { BoardEvent } from '#events/registry.js';
import type { UnitsMerged } from '#events/units.js';
import {
  assignmentPeriodsOf, assignmentsActiveOn, boardDecider, followedDuring, followersOf, unitsFollowedBy,
  type AssignAgencyToSupportUnit, type AssignCadre, type CadreAssignmentContext, type EndAssignment, type RotateCadre,
} from '#src/domain/board/index.js';
import type { PolicyFact } from '#src/domain/facts.js';
import { COMMUNE, DISTRICT, OTHER_COMMUNE, PROVINCE, agencyFact, cadreFact, id, meta, unitFact } from './fixtures.js';
import { specFor } from './givenWhenThen.js';

const given = specFor(boardDecider);
const [A1, A2, A3] = [id(101), id(102), id(103)];
const [CADRE, OTHER_CADRE] = [id(1), id(2)];
const FROM = '2021-01-01';

const assignedData: CadreAssigned = {
  assignmentId: A1, committeeUnitCode: PROVINCE, cadreId: CADRE, unitCode: COMMUNE, kind: 'follow',
  decisionRef: '718-QĐ/TU', decisionDate: '2020-12-15', effectiveFrom: FROM, congressTerm: '2020-2025',
};
const assigned: BoardEvent = { type: 'CadreAssigned', data: assignedData };
const assign = (data: Partial<CadreAssigned> = {}): AssignCadre => ({ type: 'AssignCadre', data: { ...assignedData, ...data }, metadata: meta() });
const assignedEvent = (data: Partial<CadreAssigned>): BoardEvent => ({ type: 'CadreAssigned', data: { ...assignedData, ...data } });

const oneToOne: PolicyFact = { policyId: id(500), reference: '02-QĐ/TU', asOf: FROM, oneCadreOneCommune: true, oneFollowerPerCommune: true };
const context = (overrides: Partial<CadreAssignmentContext> = {}, date = FROM): CadreAssignmentContext => ({
  unit: unitFact(COMMUNE, date), cadre: cadreFact(CADRE, date), policy: null, ...overrides,
});

t.test('AssignCadre', async (t) => {
  t.test('assigns a cadre to follow a commune under the committee', async () => {
    given([]).when(assign(), context()).then([assigned]);
  });
  t.test('the assignment id is new', async () => {
    given([assigned]).when(assign({ unitCode: OTHER_COMMUNE }), context({ unit: unitFact(OTHER_COMMUNE, FROM) })).thenThrows('ASSIGNMENT_ALREADY_EXISTS', 'assignmentId');
  });
  t.test('the decision is not dated in the future, though it may take effect later', async () => {
    given([]).when(assign({ decisionDate: '2025-03-02' }), context()).thenThrows('DATE_IN_FUTURE', 'decisionDate');
    given([]).when(assign({ effectiveFrom: '2025-04-01' }), context({}, '2025-04-01')).then([assignedEvent({ effectiveFrom: '2025-04-01' })]);
  });
  t.test('the period does not end before it starts', async () => {
    given([]).when(assign({ effectiveUntil: '2020-12-31' }), context()).thenThrows('DATE_RANGE_INVALID', 'effectiveUntil');
  });
  t.test('the unit exists, is active on the first day and lies under the committee\'s unit', async () => {
    given([]).when(assign(), context({ unit: null })).thenThrows('UNIT_NOT_FOUND', 'unitCode');
    given([]).when(assign(), context({ unit: unitFact(COMMUNE, FROM, { active: false }) })).thenThrows('UNIT_NOT_ACTIVE', 'unitCode');
    given([]).when(assign({ committeeUnitCode: '15' }), context()).thenThrows('UNIT_OUTSIDE_COMMITTEE', 'unitCode');
    given([]).when(assign({ committeeUnitCode: COMMUNE }), context()).thenThrows('UNIT_OUTSIDE_COMMITTEE', 'unitCode');
  });
  t.test('a district committee assigns within its district', async () => {
    given([]).when(assign({ committeeUnitCode: DISTRICT }), context()).then([assignedEvent({ committeeUnitCode: DISTRICT })]);
  });
  t.test('the cadre exists and is in service on the first day', async () => {
    given([]).when(assign(), context({ cadre: null })).thenThrows('CADRE_NOT_FOUND', 'cadreId');
    given([]).when(assign(), context({ cadre: cadreFact(CADRE, FROM, { active: false }) })).thenThrows('CADRE_NOT_ACTIVE', 'cadreId');
  });
  t.test('the same cadre is not assigned twice to the same unit for overlapping periods', async () => {
    given([assigned]).when(assign({ assignmentId: A2 }), context()).thenThrows('ASSIGNMENT_DUPLICATE', 'unitCode');
    const ended: BoardEvent = { type: 'AssignmentEnded', data: { assignmentId: A1, reason: 'term-ended', effectiveDate: '2022-01-01' } };
    given([assigned, ended]).when(assign({ assignmentId: A2, effectiveFrom: '2022-01-01' }), context({}, '2022-01-01'))
      .then([assignedEvent({ assignmentId: A2, effectiveFrom: '2022-01-01' })]);
  });
});

t.test('one-to-one policies', async (t) => {
  const second = assign({ assignmentId: A2, cadreId: OTHER_CADRE });
  const secondContext = context({ cadre: cadreFact(OTHER_CADRE, FROM), policy: oneToOne });
  t.test('a second follower for a commune is refused', async () => {
    given([assigned]).when(second, secondContext).thenThrows('ASSIGNMENT_ONE_TO_ONE_VIOLATED', 'unitCode');
  });
  t.test('a second commune for a cadre is refused', async () => {
    given([assigned]).when(assign({ assignmentId: A2, unitCode: OTHER_COMMUNE }), context({ unit: unitFact(OTHER_COMMUNE, FROM), policy: oneToOne }))
      .thenThrows('ASSIGNMENT_ONE_TO_ONE_VIOLATED', 'cadreId');
  });
  t.test('an explicit override reason sets the policy aside and is recorded', async () => {
    const overrideReason = 'Xã trọng điểm về an ninh, cần hai cán bộ theo dõi';
    given([assigned]).when(assign({ assignmentId: A2, cadreId: OTHER_CADRE, overrideReason }), secondContext)
      .then([assignedEvent({ assignmentId: A2, cadreId: OTHER_CADRE, overrideReason })]);
  });
  t.test('an override reason with nothing to set aside is not recorded', async () => {
    given([]).when(assign({ overrideReason: 'phòng khi' }), context({ policy: oneToOne })).then([assigned]);
  });
  t.test('only what the policy says is one-to-one', async () => {
    given([assigned]).when(second, { ...secondContext, policy: { ...oneToOne, oneFollowerPerCommune: false } })
      .then([assignedEvent({ assignmentId: A2, cadreId: OTHER_CADRE })]);
  });
  t.test('no policy in force, no restriction', async () => {
    given([assigned]).when(second, { ...secondContext, policy: null }).then([assignedEvent({ assignmentId: A2, cadreId: OTHER_CADRE })]);
  });
  t.test('attending cell meetings is not following', async () => {
    given([assigned]).when(assign({ assignmentId: A2, cadreId: OTHER_CADRE, kind: 'cell-meetings' }), secondContext)
      .then([assignedEvent({ assignmentId: A2, cadreId: OTHER_CADRE, kind: 'cell-meetings' })]);
  });
  t.test('an assignment that ended before the new one starts is no conflict', async () => {
    const ended: BoardEvent = { type: 'AssignmentEnded', data: { assignmentId: A1, reason: 'replaced', effectiveDate: '2022-01-01' } };
    given([assigned, ended]).when(assign({ assignmentId: A2, cadreId: OTHER_CADRE, effectiveFrom: '2022-01-01' }), {
      ...secondContext, unit: unitFact(COMMUNE, '2022-01-01'), cadre: cadreFact(OTHER_CADRE, '2022-01-01'), policy: { ...oneToOne, asOf: '2022-01-01' },
    }).then([assignedEvent({ assignmentId: A2, cadreId: OTHER_CADRE, effectiveFrom: '2022-01-01' })]);
  });
});

t.test('AssignAgencyToSupportUnit', async (t) => {
  const AGENCY = id(900);
  const data: AssignAgencyToSupportUnit['data'] = {
    assignmentId: A3, committeeUnitCode: PROVINCE, agencyId: AGENCY, unitCode: COMMUNE, programme: 'nông thôn mới',
    decisionRef: '45-QĐ/UBND', decisionDate: '2021-02-01', effectiveFrom: '2021-03-01',
  };
  const command: AssignAgencyToSupportUnit = { type: 'AssignAgencyToSupportUnit', data, metadata: meta() };
  const ctx = { unit: unitFact(COMMUNE, '2021-03-01'), agency: agencyFact(AGENCY) };
  t.test('an agency supports a commune', async () => {
    given([]).when(command, ctx).then([{ type: 'AgencyAssignedToSupportUnit', data }]);
  });
  t.test('the agency exists, the unit is active and under the committee, no duplicate', async () => {
    given([]).when(command, { ...ctx, agency: null }).thenThrows('AGENCY_NOT_FOUND', 'agencyId');
    given([]).when(command, { ...ctx, unit: unitFact(COMMUNE, '2021-03-01', { ancestors: [] }) }).thenThrows('UNIT_OUTSIDE_COMMITTEE', 'unitCode');
    given([{ type: 'AgencyAssignedToSupportUnit', data }]).when({ ...command, data: { ...data, assignmentId: id(104) } }, ctx)
      .thenThrows('ASSIGNMENT_DUPLICATE', 'unitCode');
  });
});

t.test('EndAssignment', async (t) => {
  const end = (data: Partial<EndAssignment['data']> = {}): EndAssignment => ({
    type: 'EndAssignment', data: { assignmentId: A1, reason: 'duties-not-fulfilled', effectiveDate: '2023-01-01', decisionRef: '90-QĐ/TU', ...data }, metadata: meta(),
  });
  t.test('ends an assignment, the original stays', async () => {
    given([assigned]).when(end(), {}).then([{ type: 'AssignmentEnded', data: end().data }]);
  });
  t.test('an unknown assignment, an ended one, one expired before, or an end before the start', async () => {
    given([]).when(end(), {}).thenThrows('ASSIGNMENT_NOT_FOUND', 'assignmentId');
    given([assigned, { type: 'AssignmentEnded', data: end().data }]).when(end({ effectiveDate: '2024-01-01' }), {}).thenThrows('ASSIGNMENT_ALREADY_ENDED', 'assignmentId');
    given([assignedEvent({ effectiveUntil: '2022-06-30' })]).when(end(), {}).thenThrows('ASSIGNMENT_ALREADY_ENDED', 'assignmentId');
    given([assigned]).when(end({ effectiveDate: '2020-12-31' }), {}).thenThrows('DATE_RANGE_INVALID', 'effectiveDate');
  });
});

t.test('RotateCadre', async (t) => {
  const rotateData: RotateCadre['data'] = {
    committeeUnitCode: PROVINCE, cadreId: CADRE, endedAssignmentId: A1, assignmentId: A2, unitCode: OTHER_COMMUNE, kind: 'follow',
    decisionRef: '120-QĐ/TU', decisionDate: '2023-05-20', effectiveDate: '2023-06-01', congressTerm: '2020-2025', reason: 'luân chuyển cán bộ',
  };
  const rotate = (data: Partial<RotateCadre['data']> = {}): RotateCadre => ({ type: 'RotateCadre', data: { ...rotateData, ...data }, metadata: meta() });
  const ctx = context({ unit: unitFact(OTHER_COMMUNE, '2023-06-01'), cadre: cadreFact(CADRE, '2023-06-01'), policy: { ...oneToOne, asOf: '2023-06-01' } });
  t.test('ends one assignment and starts the next in one event, even under a one-to-one policy', async () => {
    given([assigned]).when(rotate(), ctx).then([{ type: 'CadreRotated', data: rotateData }]);
  });
  t.test('the new commune must not have another follower under a one-to-one policy', async () => {
    const other = assignedEvent({ assignmentId: A3, cadreId: OTHER_CADRE, unitCode: OTHER_COMMUNE });
    given([assigned, other]).when(rotate(), ctx).thenThrows('ASSIGNMENT_ONE_TO_ONE_VIOLATED', 'unitCode');
  });
  t.test('rotates a running assignment of the same cadre, after it started', async () => {
    given([]).when(rotate(), ctx).thenThrows('ASSIGNMENT_NOT_FOUND', 'endedAssignmentId');
    given([assigned]).when(rotate({ cadreId: OTHER_CADRE }), { ...ctx, cadre: cadreFact(OTHER_CADRE, '2023-06-01') })
      .thenThrows('ROTATION_NOT_A_CADRE_ASSIGNMENT', 'endedAssignmentId');
    given([assigned]).when(rotate({ effectiveDate: FROM }), context()).thenThrows('DATE_RANGE_INVALID', 'effectiveDate');
    const ended: BoardEvent = { type: 'AssignmentEnded', data: { assignmentId: A1, reason: 'other', effectiveDate: '2022-01-01' } };
    given([assigned, ended]).when(rotate(), ctx).thenThrows('ASSIGNMENT_ALREADY_ENDED', 'endedAssignmentId');
  });
  t.test('the new unit and the cadre obey the rules of AssignCadre', async () => {
    given([assigned]).when(rotate(), { ...ctx, unit: unitFact(OTHER_COMMUNE, '2023-06-01', { active: false }) }).thenThrows('UNIT_NOT_ACTIVE', 'unitCode');
    given([assigned]).when(rotate(), { ...ctx, cadre: cadreFact(CADRE, '2023-06-01', { active: false }) }).thenThrows('CADRE_NOT_ACTIVE', 'cadreId');
    given([assigned]).when(rotate({ assignmentId: A1 }), ctx).thenThrows('ASSIGNMENT_ALREADY_EXISTS', 'assignmentId');
  });
});

t.test('EndAssignmentsForMerge', async (t) => {
  const merge: UnitsMerged = { fromCodes: [COMMUNE, OTHER_COMMUNE], intoCode: OTHER_COMMUNE, mergeType: 'full', effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' };
  const onOther = assignedEvent({ assignmentId: A2, cadreId: OTHER_CADRE, unitCode: OTHER_COMMUNE });
  const support: BoardEvent = {
    type: 'AgencyAssignedToSupportUnit',
    data: { assignmentId: A3, committeeUnitCode: PROVINCE, agencyId: id(900), unitCode: COMMUNE, programme: 'nông thôn mới', decisionRef: '45-QĐ/UBND', decisionDate: '2021-02-01', effectiveFrom: '2021-03-01' },
  };
  const endedByMerge = (assignmentId: string): BoardEvent => ({
    type: 'AssignmentEnded',
    data: { assignmentId, reason: 'unit-merged', note: `${COMMUNE} merged into ${OTHER_COMMUNE}`, effectiveDate: '2025-07-01', decisionRef: '1673/NQ-UBTVQH15' },
  });
  const command = { type: 'EndAssignmentsForMerge', data: { merge }, metadata: meta() } as const;
  t.test('ends assignments to the old unit on the merge date; the unit merged into keeps its followers', async () => {
    given([assigned, onOther, support]).when(command, {}).then([endedByMerge(A1), endedByMerge(A3)]);
  });
  t.test('running it again appends nothing', async () => {
    given([assigned, onOther, support, endedByMerge(A1), endedByMerge(A3)]).when(command, {}).then([]);
  });
  t.test('assignments already over by the merge date are left alone', async () => {
    given([assignedEvent({ effectiveUntil: '2025-06-30' })]).when(command, {}).then([]);
  });
  t.test('a split unit\'s assignments end too: a person decides who inherits it', async () => {
    given([assigned]).when({ ...command, data: { merge: { ...merge, mergeType: 'partial' } } }, {}).then([endedByMerge(A1)]);
  });
});

t.test('queries', async (t) => {
  const board = [
    assigned,
    assignedEvent({ assignmentId: A2, cadreId: OTHER_CADRE, unitCode: OTHER_COMMUNE, effectiveUntil: '2022-12-31' }),
    { type: 'AssignmentEnded', data: { assignmentId: A1, reason: 'term-ended', effectiveDate: '2024-01-01' } },
  ].reduce((s, e) => boardDecider.evolve(s, e as BoardEvent), boardDecider.initialState());
  t.same(assignmentsActiveOn(board, '2022-06-01').map((a) => a.assignmentId), [A1, A2]);
  t.same(assignmentsActiveOn(board, '2023-06-01').map((a) => a.assignmentId), [A1]);
  t.same(followersOf(board, COMMUNE, '2023-12-31'), [CADRE]);
  t.same(followersOf(board, COMMUNE, '2024-01-01'), [], 'ended');
  t.same(unitsFollowedBy(board, OTHER_CADRE, '2022-12-31'), [OTHER_COMMUNE]);
  t.same(unitsFollowedBy(board, OTHER_CADRE, '2023-01-01'), [], 'expired');
  const periods = assignmentPeriodsOf(board, CADRE, COMMUNE);
  t.same(periods, [{ assignmentId: A1, committeeUnitCode: PROVINCE, kind: 'follow', start: FROM, end: '2023-12-31' }]);
  t.ok(followedDuring(periods, 2023));
  t.notOk(followedDuring(periods, 2024));
  t.notOk(followedDuring(periods, 2020));
});
