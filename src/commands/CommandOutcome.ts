import type { CommandResult } from './handleCommand.js';

/** A handler's answer: the id of the entity the command created or acted on, and what was appended. */
export interface CommandOutcome {
  readonly id: string;
  readonly result: CommandResult;
}
