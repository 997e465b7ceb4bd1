import type { UnitEvent } from '#events/registry.js';
import { unitStream } from '#events/streams.js';
import type { Actor } from '../../domain/actor.js';
import { unitDecider, type UnitCommand, type UnitContexts, type UnitState } from '../../domain/unit/index.js';
import { handleCommand, type CommandResult } from '../handleCommand.js';
import { commandMetadata, eventMetadata, startOfDayInVietnam, type RequestMetadata, type UnitHandlerDeps } from './deps.js';
import { storeUnitStates, type UnitStates } from './unitStates.js';

export type UnitCommandData<T extends UnitCommand['type']> = Extract<UnitCommand, { type: T }>['data'];

/** What each unit handler passes: its stream, the command, and how to load the command's context. */
interface UnitCommandSpec<C extends UnitCommand> {
  code: string;
  type: C['type'];
  data: C['data'];
  loadContext: (units: UnitStates, state: UnitState) => Promise<UnitContexts[C['type']]>;
}

/**
 * Runs one unit command through the generic handler on `unit-<code>`. Every unit event carries its
 * `effectiveDate`, which becomes `occurredAt`. What was appended is told to `deps.units`.
 */
export async function runUnitCommand<C extends UnitCommand>(
  deps: UnitHandlerDeps,
  spec: UnitCommandSpec<C>,
  actor: Actor,
  metadata: RequestMetadata,
): Promise<CommandResult<UnitEvent>> {
  const units = deps.units ?? storeUnitStates(deps.store);
  // `type` and `data` are C's own; TypeScript cannot rebuild the union member from its parts.
  const command = { type: spec.type, data: spec.data, metadata: commandMetadata(deps, actor) } as C;
  const result = await handleCommand({
    store: deps.store,
    streamId: unitStream(spec.code),
    decider: { ...unitDecider, decide: (cmd: C, state: UnitState, context: UnitContexts[C['type']]) => unitDecider.decide(cmd, state, context) },
    command,
    loadContext: (state) => spec.loadContext(units, state),
    occurredAt: (event) => startOfDayInVietnam(event.data.effectiveDate),
    metadata: eventMetadata(actor, metadata),
    ...(metadata.ifMatch !== undefined ? { ifMatch: metadata.ifMatch } : {}),
  });
  units.record(spec.code, result);
  return result;
}
