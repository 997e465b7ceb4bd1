import type { BoardEvent, UnitEvent } from '#events/registry.js';
import { addDays } from '../../domain/time.js';
import type { Actor } from '../../domain/actor.js';
import type { MergeUnits } from '../../domain/unit/index.js';
import type { CommandResult } from '../handleCommand.js';
import type { RequestMetadata, UnitHandlerDeps } from './deps.js';
import { followUpMerge } from './followUpMerge.js';
import { runUnitCommand, type UnitCommandData } from './runUnitCommand.js';
import { unitFactsOnDate } from './unitFacts.js';

export type MergeUnitsInput = UnitCommandData<'MergeUnits'>;

export interface MergeResult extends CommandResult<UnitEvent> {
  /** What the follow-up process appended: board ends and dissolutions, one result per stream. */
  followUps: CommandResult<UnitEvent | BoardEvent>[];
}

/**
 * Records the merge on `unit-<intoCode>` only. The from-units are judged as of the day before the
 * merge, the last day they existed as they were.
 */
export function recordMerge(
  deps: UnitHandlerDeps, input: MergeUnitsInput, actor: Actor, metadata: RequestMetadata = {},
): Promise<CommandResult<UnitEvent>> {
  return runUnitCommand<MergeUnits>(deps, {
    type: 'MergeUnits',
    code: input.intoCode,
    data: input,
    loadContext: async (units) => ({ fromUnits: await unitFactsOnDate(units, input.fromCodes, addDays(input.effectiveDate, -1)) }),
  }, actor, metadata);
}

/**
 * Records the merge, then runs its follow-up process (followUpMerge.ts) with the merge event as
 * the cause. The follow-ups also run when the merge was already recorded, so repeating a request
 * that failed halfway finishes the job.
 */
export async function mergeUnits(
  deps: UnitHandlerDeps, input: MergeUnitsInput, actor: Actor, metadata: RequestMetadata = {},
): Promise<MergeResult> {
  const result = await recordMerge(deps, input, actor, metadata);
  const causationId = result.events[0]?.id ?? metadata.causationId ?? null;
  // If-Match was about the merged-into stream; the follow-ups touch other streams.
  const followUps = await followUpMerge(deps, input, actor, { requestId: metadata.requestId ?? null, correlationId: metadata.correlationId ?? null, causationId });
  return { ...result, followUps };
}
