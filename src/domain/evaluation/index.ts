import type { EvaluationEvent } from '#events/registry.js';
import type { Decider } from '../decider.js';
import type { EvaluationCommand, EvaluationContexts } from './commands.js';
import { decide } from './decide.js';
import { evaluationOf, evolve, initialState, type Evaluation, type EvaluationState } from './state.js';

export * from './commands.js';
export { decide, evaluationOf, evolve, initialState, type Evaluation, type EvaluationState };

export const evaluationDecider: Decider<EvaluationState, EvaluationCommand, EvaluationEvent, EvaluationContexts> = { initialState, evolve, decide };
