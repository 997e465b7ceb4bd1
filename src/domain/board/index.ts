import type { BoardEvent } from '#events/registry.js';
import type { Decider } from '../decider.js';
import type { BoardCommand, BoardContexts } from './commands.js';
import { decide } from './decide.js';
import { evolve, evolveAll, initialState, type Assignee, type Assignment, type BoardState } from './state.js';

export * from './commands.js';
export * from './queries.js';
export { endAssignmentsForMerge } from './mergeProcess.js';
export { decide, evolve, evolveAll, initialState, type Assignee, type Assignment, type BoardState };

export const boardDecider: Decider<BoardState, BoardCommand, BoardEvent, BoardContexts> = { initialState, evolve, evolveAll, decide };
