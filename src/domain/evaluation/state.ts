import type { CadreEvaluated, UnitRated } from '#events/evaluations.js';
import type { EvaluationEvent } from '#events/registry.js';

export interface Evaluation extends CadreEvaluated {
  readonly amendments: number;
}

/** One committee's evaluations for one year. */
export interface EvaluationState {
  readonly evaluations: ReadonlyMap<string, Evaluation>;
  readonly unitRatings: ReadonlyMap<string, UnitRated>;
}

export const initialState = (): EvaluationState => ({ evaluations: new Map(), unitRatings: new Map() });

export function evolve(state: EvaluationState, event: EvaluationEvent): EvaluationState {
  switch (event.type) {
    case 'CadreEvaluated':
      if (state.evaluations.has(event.data.evaluationId)) return state;
      return { ...state, evaluations: new Map(state.evaluations).set(event.data.evaluationId, { ...event.data, amendments: 0 }) };
    case 'CadreEvaluationAmended': {
      const evaluation = state.evaluations.get(event.data.evaluationId);
      if (evaluation === undefined) return state;
      const { rating = evaluation.rating, comments = evaluation.comments } = event.data;
      const amended = { ...evaluation, rating, comments, amendments: evaluation.amendments + 1 };
      return { ...state, evaluations: new Map(state.evaluations).set(amended.evaluationId, amended) };
    }
    case 'UnitRated':
      if (state.unitRatings.has(event.data.unitCode)) return state;
      return { ...state, unitRatings: new Map(state.unitRatings).set(event.data.unitCode, event.data) };
    default: {
      const _: never = event;
      return state;
    }
  }
}

export function evaluationOf(state: EvaluationState, cadreId: string): Evaluation | undefined {
  return [...state.evaluations.values()].find((evaluation) => evaluation.cadreId === cadreId);
}
