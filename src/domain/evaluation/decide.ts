import type { EvaluationEvent } from '#events/registry.js';
import { followedDuring } from '../board/queries.js';
import type { CommandMetadata } from '../command.js';
import { definedOnly } from '../data.js';
import { fail, requireActiveUnit, requireUnder } from '../rules.js';
import { todayInVietnam, yearOf } from '../time.js';
import type { AmendCadreEvaluation, EvaluateCadre, EvaluationCommand, EvaluationContexts, RateUnit } from './commands.js';
import { evaluationOf, type EvaluationState } from './state.js';

export function decide<C extends EvaluationCommand>(command: C, state: EvaluationState, context: EvaluationContexts[C['type']]): EvaluationEvent[] {
  const cmd: EvaluationCommand = command;
  // The signature ties `context` to the command's type; each cast restates that for the branch.
  switch (cmd.type) {
    case 'EvaluateCadre': return evaluateCadre(cmd, state, context as EvaluationContexts['EvaluateCadre']);
    case 'AmendCadreEvaluation': return amendEvaluation(cmd, state);
    case 'RateUnit': return rateUnit(cmd, state, context as EvaluationContexts['RateUnit']);
    default: {
      const _: never = cmd;
      return _;
    }
  }
}

/**
 * The commune committee's yearly written evaluation of a cadre who followed it (Bắc Kạn
 * 1390-QĐ/TU, unconfirmed: domain-notes §2), on the four levels of 124/366-QĐ/TW (§5b).
 */
function evaluateCadre({ data, metadata }: EvaluateCadre, state: EvaluationState, { assignments }: EvaluationContexts['EvaluateCadre']): EvaluationEvent[] {
  requireCommittee(metadata, data.committeeUnitCode);
  requirePastOrCurrentYear(metadata, data.year);
  if (state.evaluations.has(data.evaluationId)) fail('EVALUATION_ALREADY_EXISTS', 'evaluationId');
  if (evaluationOf(state, data.cadreId) !== undefined) fail('EVALUATION_ALREADY_EXISTS', 'cadreId');
  if (!followedDuring(assignments, data.year)) fail('NOT_FOLLOWER_THAT_YEAR', 'cadreId');
  return [{ type: 'CadreEvaluated', data: { ...data } }];
}

function amendEvaluation({ data, metadata }: AmendCadreEvaluation, state: EvaluationState): EvaluationEvent[] {
  const evaluation = state.evaluations.get(data.evaluationId) ?? fail('EVALUATION_NOT_FOUND', 'evaluationId');
  requireCommittee(metadata, evaluation.committeeUnitCode);
  if (data.rating === undefined && data.comments === undefined) fail('AMENDMENT_EMPTY', 'evaluationId');
  return [{ type: 'CadreEvaluationAmended', data: definedOnly({ ...data }) }];
}

/** A commune's yearly quality rating by its superior committee, once per unit and year. */
function rateUnit({ data, metadata }: RateUnit, state: EvaluationState, { unit }: EvaluationContexts['RateUnit']): EvaluationEvent[] {
  requireCommittee(metadata, data.committeeUnitCode);
  requirePastOrCurrentYear(metadata, data.year);
  requireUnder(requireActiveUnit(unit, `${data.year}-12-31`, 'unitCode'), data.committeeUnitCode, 'unitCode');
  if (state.unitRatings.has(data.unitCode)) fail('UNIT_ALREADY_RATED', 'unitCode');
  return [{ type: 'UnitRated', data: definedOnly({ ...data }) }];
}

function requireCommittee(metadata: CommandMetadata, committeeUnitCode: string): void {
  if (metadata.actor.unitCode !== committeeUnitCode) fail('NOT_UNIT_COMMITTEE', 'committeeUnitCode');
}

/** The current year may be evaluated before it ends: reviews happen in December. */
function requirePastOrCurrentYear(metadata: CommandMetadata, year: number): void {
  if (year > yearOf(todayInVietnam(metadata.now))) fail('DATE_IN_FUTURE', 'year');
}
