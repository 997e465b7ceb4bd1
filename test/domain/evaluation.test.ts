import t from 'tap';
import type { CadreEvaluated, UnitRated } from '#events/evaluations.js';
import type { EvaluationEvent } from '#events/registry.js';
import { evaluationDecider, evaluationOf, type EvaluateCadre, type RateUnit } from '#src/domain/evaluation/index.js';
import type { AssignmentPeriodFact } from '#src/domain/facts.js';
import { COMMUNE, OTHER_COMMUNE, PROVINCE, committeeActor, id, meta, unitFact } from './fixtures.js';
import { specFor } from './givenWhenThen.js';

const given = specFor(evaluationDecider);
const [E1, E2] = [id(601), id(602)];
const CADRE = id(1);
const asCommune = meta(committeeActor(COMMUNE));
const asProvince = meta(committeeActor(PROVINCE));

const evaluatedData: CadreEvaluated = {
  evaluationId: E1, committeeUnitCode: COMMUNE, cadreId: CADRE, year: 2024, rating: 'good',
  comments: 'Đồng chí thường xuyên về xã, nắm chắc tình hình, kiến nghị được giải quyết kịp thời.',
};
const evaluated: EvaluationEvent = { type: 'CadreEvaluated', data: evaluatedData };
const evaluate = (data: Partial<CadreEvaluated> = {}): EvaluateCadre => ({ type: 'EvaluateCadre', data: { ...evaluatedData, ...data }, metadata: asCommune });
const followed: AssignmentPeriodFact = { assignmentId: id(101), committeeUnitCode: PROVINCE, kind: 'follow', start: '2021-01-01', end: null };

t.test('EvaluateCadre', async (t) => {
  t.test('the commune committee evaluates a cadre who followed it that year', async () => {
    given([]).when(evaluate(), { assignments: [followed] }).then([evaluated]);
  });
  t.test('following for part of the year is enough', async () => {
    given([]).when(evaluate(), { assignments: [{ ...followed, start: '2024-12-01' }] }).then([evaluated]);
    given([]).when(evaluate(), { assignments: [{ ...followed, end: '2024-01-01' }] }).then([evaluated]);
  });
  t.test('not a cadre who never followed it, or not that year, or only attended cell meetings', async () => {
    given([]).when(evaluate(), { assignments: [] }).thenThrows('NOT_FOLLOWER_THAT_YEAR', 'cadreId');
    given([]).when(evaluate(), { assignments: [{ ...followed, end: '2023-12-31' }] }).thenThrows('NOT_FOLLOWER_THAT_YEAR', 'cadreId');
    given([]).when(evaluate(), { assignments: [{ ...followed, start: '2025-01-01' }] }).thenThrows('NOT_FOLLOWER_THAT_YEAR', 'cadreId');
    given([]).when(evaluate(), { assignments: [{ ...followed, kind: 'cell-meetings' }] }).thenThrows('NOT_FOLLOWER_THAT_YEAR', 'cadreId');
  });
  t.test('once per cadre, commune and year', async () => {
    given([evaluated]).when(evaluate({ evaluationId: E2 }), { assignments: [followed] }).thenThrows('EVALUATION_ALREADY_EXISTS', 'cadreId');
    given([evaluated]).when(evaluate({ cadreId: id(2) }), { assignments: [followed] }).thenThrows('EVALUATION_ALREADY_EXISTS', 'evaluationId');
  });
  t.test('only by that commune\'s committee', async () => {
    given([]).when({ ...evaluate(), metadata: meta(committeeActor(OTHER_COMMUNE)) }, { assignments: [followed] }).thenThrows('NOT_UNIT_COMMITTEE', 'committeeUnitCode');
  });
  t.test('not a future year; the current year may be evaluated', async () => {
    given([]).when(evaluate({ year: 2026 }), { assignments: [followed] }).thenThrows('DATE_IN_FUTURE', 'year');
    given([]).when(evaluate({ year: 2025 }), { assignments: [followed] }).then([{ type: 'CadreEvaluated', data: { ...evaluatedData, year: 2025 } }]);
  });
});

t.test('AmendCadreEvaluation', async (t) => {
  const amend = { type: 'AmendCadreEvaluation', data: { evaluationId: E1, reason: 'Phúc tra theo ý kiến Ban Tổ chức', rating: 'completed' }, metadata: asCommune } as const;
  t.test('amends with a reason', async () => {
    given([evaluated]).when(amend, {}).then([{ type: 'CadreEvaluationAmended', data: amend.data }]);
  });
  t.test('an existing evaluation, by its committee, changing something', async () => {
    given([]).when(amend, {}).thenThrows('EVALUATION_NOT_FOUND', 'evaluationId');
    given([evaluated]).when({ ...amend, metadata: meta(committeeActor(OTHER_COMMUNE)) }, {}).thenThrows('NOT_UNIT_COMMITTEE', 'committeeUnitCode');
    given([evaluated]).when({ ...amend, data: { evaluationId: E1, reason: 'x' } }, {}).thenThrows('AMENDMENT_EMPTY', 'evaluationId');
  });
  t.test('the amended evaluation keeps its original in the stream', async (t) => {
    const state = [evaluated, { type: 'CadreEvaluationAmended', data: amend.data } as EvaluationEvent]
      .reduce(evaluationDecider.evolve, evaluationDecider.initialState());
    t.match(evaluationOf(state, CADRE), { rating: 'completed', comments: evaluatedData.comments, amendments: 1 });
  });
});

t.test('RateUnit', async (t) => {
  const ratedData: UnitRated = { committeeUnitCode: PROVINCE, unitCode: COMMUNE, year: 2024, rating: 'excellent' };
  const rate: RateUnit = { type: 'RateUnit', data: ratedData, metadata: asProvince };
  const context = { unit: unitFact(COMMUNE, '2024-12-31') };
  t.test('the superior committee rates a unit beneath it once a year', async () => {
    given([]).when(rate, context).then([{ type: 'UnitRated', data: ratedData }]);
    given([{ type: 'UnitRated', data: ratedData }]).when(rate, context).thenThrows('UNIT_ALREADY_RATED', 'unitCode');
  });
  t.test('only units beneath it, active at the end of the year, by that committee, not a future year', async () => {
    given([]).when(rate, { unit: unitFact(COMMUNE, '2024-12-31', { ancestors: [] }) }).thenThrows('UNIT_OUTSIDE_COMMITTEE', 'unitCode');
    given([]).when(rate, { unit: null }).thenThrows('UNIT_NOT_FOUND', 'unitCode');
    given([]).when({ ...rate, metadata: asCommune }, context).thenThrows('NOT_UNIT_COMMITTEE', 'committeeUnitCode');
    given([]).when({ ...rate, data: { ...ratedData, year: 2026 } }, { unit: unitFact(COMMUNE, '2026-12-31') }).thenThrows('DATE_IN_FUTURE', 'year');
  });
});
