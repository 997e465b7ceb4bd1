import type { UnitEvent } from '#events/registry.js';
import type { Actor } from '../../domain/actor.js';
import type { RenameUnit } from '../../domain/unit/index.js';
import type { CommandResult } from '../handleCommand.js';
import type { RequestMetadata, UnitHandlerDeps } from './deps.js';
import { runUnitCommand, type UnitCommandData } from './runUnitCommand.js';

export type RenameUnitInput = UnitCommandData<'RenameUnit'>;

/** Renames a unit from `effectiveDate` (optionally changing its type); needs no other stream. */
export function renameUnit(
  deps: UnitHandlerDeps, input: RenameUnitInput, actor: Actor, metadata: RequestMetadata = {},
): Promise<CommandResult<UnitEvent>> {
  return runUnitCommand<RenameUnit>(deps, { type: 'RenameUnit', code: input.code, data: input, loadContext: async () => ({}) }, actor, metadata);
}
