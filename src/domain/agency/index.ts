import type { AgencyEvent } from '#events/registry.js';
import type { Decider } from '../decider.js';
import type { AgencyCommand, AgencyContexts } from './commands.js';
import { decide } from './decide.js';
import { evolve, initialState, type AgencyState } from './state.js';

export * from './commands.js';
export * from './queries.js';
export { decide, evolve, initialState, type AgencyState };

export const agencyDecider: Decider<AgencyState, AgencyCommand, AgencyEvent, AgencyContexts> = { initialState, evolve, decide };
