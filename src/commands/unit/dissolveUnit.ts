import type { UnitEvent } from '#events/registry.js';
import type { Actor } from '../../domain/actor.js';
import type { DissolveUnit } from '../../domain/unit/index.js';
import type { CommandResult } from '../handleCommand.js';
import type { RequestMetadata, UnitHandlerDeps } from './deps.js';
import { runUnitCommand, type UnitCommandData } from './runUnitCommand.js';
import { unitFactsOnDate } from './unitFacts.js';

export type DissolveUnitInput = UnitCommandData<'DissolveUnit'>;

/** The unit ceases on `effectiveDate`; its successors must be active on that date. */
export function dissolveUnit(
  deps: UnitHandlerDeps, input: DissolveUnitInput, actor: Actor, metadata: RequestMetadata = {},
): Promise<CommandResult<UnitEvent>> {
  return runUnitCommand<DissolveUnit>(deps, {
    type: 'DissolveUnit',
    code: input.code,
    data: input,
    loadContext: async (units) => ({ successors: await unitFactsOnDate(units, input.successorCodes, input.effectiveDate) }),
  }, actor, metadata);
}
