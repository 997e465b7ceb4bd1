import type { BoardEvent, UnitEvent } from '#events/registry.js';
import type { UnitsMerged } from '#events/units.js';
import type { Actor } from '../../domain/actor.js';
import { dissolutionsForMerge } from '../../domain/unit/index.js';
import type { CommandResult } from '../handleCommand.js';
import { boardsAssigning, boardsByAssignedUnit, type BoardsByUnit } from './boardsAssigningUnits.js';
import type { RequestMetadata, UnitHandlerDeps } from './deps.js';
import { dissolveUnit } from './dissolveUnit.js';
import { endAssignmentsForMerge } from './endAssignmentsForMerge.js';

/**
 * The process that reacts to UnitsMerged (src/domain/README.md, "Processes"): on every board that
 * assigned one of the old units, the assignments end on the merge date (reason `unit-merged`); after
 * a full merge each old unit other than the one merged into is dissolved. Every step is idempotent,
 * so running it again after a crash completes what is missing and appends nothing else.
 */
export async function followUpMerge(
  deps: UnitHandlerDeps, merge: UnitsMerged, actor: Actor, metadata: RequestMetadata = {}, boards?: BoardsByUnit,
): Promise<CommandResult<UnitEvent | BoardEvent>[]> {
  const results: CommandResult<UnitEvent | BoardEvent>[] = [];
  const index = boards ?? await boardsByAssignedUnit(deps.store);
  for (const committeeUnitCode of boardsAssigning(index, merge.fromCodes)) {
    results.push(await endAssignmentsForMerge(deps, { committeeUnitCode, merge }, actor, metadata));
  }
  for (const dissolution of dissolutionsForMerge(merge)) {
    results.push(await dissolveUnit(deps, dissolution, actor, metadata));
  }
  return results;
}
