import type { UnitEvent } from '#events/registry.js';
import type { Actor } from '../../domain/actor.js';
import type { ReparentUnit } from '../../domain/unit/index.js';
import type { CommandResult } from '../handleCommand.js';
import type { RequestMetadata, UnitHandlerDeps } from './deps.js';
import { runUnitCommand, type UnitCommandData } from './runUnitCommand.js';
import { unitFactOnDate } from './unitFacts.js';

export type ReparentUnitInput = UnitCommandData<'ReparentUnit'>;

/** Moves a unit under another parent from `effectiveDate` (the new parent as of that date). */
export function reparentUnit(
  deps: UnitHandlerDeps, input: ReparentUnitInput, actor: Actor, metadata: RequestMetadata = {},
): Promise<CommandResult<UnitEvent>> {
  return runUnitCommand<ReparentUnit>(deps, {
    type: 'ReparentUnit',
    code: input.code,
    data: input,
    loadContext: async (units) => ({ parent: await unitFactOnDate(units, input.parentCode, input.effectiveDate) }),
  }, actor, metadata);
}
