import type { PlanEvent } from '#events/registry.js';
import type { Decider } from '../decider.js';
import type { PlanCommand, PlanContexts } from './commands.js';
import { decide } from './decide.js';
import { evolve, initialState, type PlanState } from './state.js';

export * from './commands.js';
export * from './queries.js';
export { decide, evolve, initialState, type PlanState };

export const planDecider: Decider<PlanState, PlanCommand, PlanEvent, PlanContexts> = { initialState, evolve, decide };
