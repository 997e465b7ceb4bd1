import type { UnitEvent } from '#events/registry.js';
import type { Actor } from '../../domain/actor.js';
import type { EstablishUnit } from '../../domain/unit/index.js';
import type { CommandResult } from '../handleCommand.js';
import type { RequestMetadata, UnitHandlerDeps } from './deps.js';
import { runUnitCommand, type UnitCommandData } from './runUnitCommand.js';
import { unitFactOnDate } from './unitFacts.js';

export type EstablishUnitInput = UnitCommandData<'EstablishUnit'>;

/** Establishes a unit under its parent as of `effectiveDate` (the parent's ancestors included). */
export function establishUnit(
  deps: UnitHandlerDeps, input: EstablishUnitInput, actor: Actor, metadata: RequestMetadata = {},
): Promise<CommandResult<UnitEvent>> {
  return runUnitCommand<EstablishUnit>(deps, {
    type: 'EstablishUnit',
    code: input.code,
    data: input,
    loadContext: async (units) => ({
      parent: input.parentCode === null ? null : await unitFactOnDate(units, input.parentCode, input.effectiveDate),
    }),
  }, actor, metadata);
}
