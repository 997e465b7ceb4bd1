import type { FieldworkEvent } from '#events/registry.js';
import type { Decider } from '../decider.js';
import type { FieldworkCommand, FieldworkContexts } from './commands.js';
import { decide } from './decide.js';
import { evolve, initialState, type FieldworkState, type Report, type Visit, type VisitStatus } from './state.js';

export * from './commands.js';
export * from './queries.js';
export { decide, evolve, initialState, type FieldworkState, type Report, type Visit, type VisitStatus };

export const fieldworkDecider: Decider<FieldworkState, FieldworkCommand, FieldworkEvent, FieldworkContexts> = { initialState, evolve, decide };
