import type { UnitEvent } from '#events/registry.js';
import type { Decider } from '../decider.js';
import type { UnitCommand, UnitContexts } from './commands.js';
import { decide } from './decide.js';
import { evolve, initialState, type UnitState } from './state.js';

export * from './commands.js';
export * from './queries.js';
export { dissolutionsForMerge } from './mergeFollowUps.js';
export { decide, evolve, initialState, type UnitState };

export const unitDecider: Decider<UnitState, UnitCommand, UnitEvent, UnitContexts> = { initialState, evolve, decide };
