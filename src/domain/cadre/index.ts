import type { CadreEvent } from '#events/registry.js';
import type { Decider } from '../decider.js';
import type { CadreCommand, CadreContexts } from './commands.js';
import { decide } from './decide.js';
import { evolve, initialState, postingOn, type CadreState } from './state.js';

export * from './commands.js';
export * from './queries.js';
export { decide, evolve, initialState, postingOn, type CadreState };

export const cadreDecider: Decider<CadreState, CadreCommand, CadreEvent, CadreContexts> = { initialState, evolve, decide };
