import type { CadreEvaluated, CadreEvaluationAmended, UnitRated } from '#events/evaluations.js';
import type { Command } from '../command.js';
import type { NoContext } from '../decider.js';
import type { AssignmentPeriodFact, UnitFact } from '../facts.js';

/** By the commune committee metadata.actor.unitCode speaks for. */
export type EvaluateCadre = Command<'EvaluateCadre', CadreEvaluated>;
export type AmendCadreEvaluation = Command<'AmendCadreEvaluation', CadreEvaluationAmended>;
/** By the superior committee metadata.actor.unitCode speaks for. */
export type RateUnit = Command<'RateUnit', UnitRated>;

export type EvaluationCommand = EvaluateCadre | AmendCadreEvaluation | RateUnit;

export interface EvaluationContexts {
  /** Every assignment of the cadre to this commune, from every board (board/queries.ts assignmentPeriodsOf). */
  readonly EvaluateCadre: { readonly assignments: readonly AssignmentPeriodFact[] };
  readonly AmendCadreEvaluation: NoContext;
  /** The rated unit as of the last day of the year rated. */
  readonly RateUnit: { readonly unit: UnitFact | null };
}
