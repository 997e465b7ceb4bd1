import type { PolicyEvent } from '#events/registry.js';
import type { Decider } from '../decider.js';
import type { PolicyCommand, PolicyContexts } from './commands.js';
import { decide } from './decide.js';
import { evolve, initialState, type PolicyState } from './state.js';

export * from './commands.js';
export * from './queries.js';
export { decide, evolve, initialState, type PolicyState };

export const policyDecider: Decider<PolicyState, PolicyCommand, PolicyEvent, PolicyContexts> = { initialState, evolve, decide };
