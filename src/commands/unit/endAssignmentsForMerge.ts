import type { BoardEvent } from '#events/registry.js';
import { boardStream } from '#events/streams.js';
import type { UnitsMerged } from '#events/units.js';
import type { Actor } from '../../domain/actor.js';
import { boardDecider, type EndAssignmentsForMerge } from '../../domain/board/index.js';
import { handleCommand, type CommandResult } from '../handleCommand.js';
import { commandMetadata, eventMetadata, startOfDayInVietnam, type RequestMetadata, type UnitHandlerDeps } from './deps.js';

export interface EndAssignmentsForMergeInput {
  /** The board: `board-<committeeUnitCode>`. */
  committeeUnitCode: string;
  merge: UnitsMerged;
}

/**
 * On one board, ends the assignments to the merged units on the merge date (reason `unit-merged`);
 * the board decider decides which (src/domain/board/mergeProcess.ts). Running it again appends nothing.
 */
export function endAssignmentsForMerge(
  deps: Pick<UnitHandlerDeps, 'store' | 'now'>, input: EndAssignmentsForMergeInput, actor: Actor, metadata: RequestMetadata = {},
): Promise<CommandResult<BoardEvent>> {
  const command: EndAssignmentsForMerge = { type: 'EndAssignmentsForMerge', data: { merge: input.merge }, metadata: commandMetadata(deps, actor) };
  return handleCommand({
    store: deps.store,
    streamId: boardStream(input.committeeUnitCode),
    decider: boardDecider,
    command,
    loadContext: async () => ({}),
    occurredAt: () => startOfDayInVietnam(input.merge.effectiveDate),
    metadata: eventMetadata(actor, metadata),
  });
}
