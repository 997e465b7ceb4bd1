import type { Actor } from './actor.js';

/**
 * What every command carries besides its data. Ids the command creates are in its data, generated
 * by the handler, so that deciding is repeatable.
 */
export interface CommandMetadata {
  /** The server clock when the command arrived: ISO 8601 with an offset, e.g. `2025-03-01T01:30:00Z`. */
  readonly now: string;
  readonly actor: Actor;
}

export interface Command<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}
