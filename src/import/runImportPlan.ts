import { randomUUID } from 'node:crypto';
import type { UnitsMerged } from '#events/units.js';
import type { Actor } from '../domain/actor.js';
import type { CommandResult } from '../commands/handleCommand.js';
import {
  boardsAssigning, boardsByAssignedUnit, CachedUnitStates, dissolveUnit, endAssignmentsForMerge, establishUnit,
  recordMerge, renameUnit, reparentUnit, type RequestMetadata, type UnitHandlerDeps,
} from '../commands/unit/index.js';
import type { EventStore } from '../store/EventStore.js';
import type { ImportPhase, ImportPlan, ImportStep } from './importPlan.js';
import { runPool } from './runPool.js';
import { UnitStreamCache } from './unitStreamCache.js';

/** Who the import's events name: the system, not a person. */
export const importActor: Actor = { userId: 'import-units', role: 'system' };

export interface RunOptions {
  store: EventStore;
  now(): Date;
  /** Commands in flight at once: 1 on PGlite (one connection), about 8 on PostgreSQL. */
  concurrency: number;
  /** Told after each command with the number of events it appended. */
  onStep?: (phase: string, appended: number) => void;
}

export interface PhaseSummary {
  phase: string;
  commands: number;
  /** Events appended, by type. */
  appended: Record<string, number>;
}

/**
 * Runs the plan stage by stage through the unit handlers. The unit streams are read once and kept
 * in memory for the run (UnitStreamCache), and so are the states other commands' contexts need
 * (CachedUnitStates); both follow what this run appends. Every event of one run shares a
 * correlation id.
 */
export async function runImportPlan(plan: ImportPlan, options: RunOptions): Promise<PhaseSummary[]> {
  const store = await UnitStreamCache.preload(options.store);
  const deps: UnitHandlerDeps = { store, now: options.now, units: new CachedUnitStates(store) };
  const metadata: RequestMetadata = { correlationId: randomUUID() };
  const summaries: PhaseSummary[] = [];
  for (const phase of plan.phases) {
    const summary: PhaseSummary = { phase: phase.name, commands: 0, appended: {} };
    // Board ends are not steps of the plan (their boards are found at run time), so not in onStep.
    const count = (result: CommandResult, planned = true) => {
      summary.commands += 1;
      for (const event of result.events) summary.appended[event.type] = (summary.appended[event.type] ?? 0) + 1;
      if (planned) options.onStep?.(phase.name, result.events.length);
    };
    for (const stage of phase.stages) {
      await runPool(stage.tasks, options.concurrency, async (task) => {
        for (const step of task.steps) count(await runStep(deps, step, metadata));
      });
    }
    await endAssignments(deps, phase, options.concurrency, metadata, count);
    summaries.push(summary);
  }
  return summaries;
}

async function runStep(deps: UnitHandlerDeps, step: ImportStep, metadata: RequestMetadata): Promise<CommandResult> {
  try {
    switch (step.kind) {
      case 'establish': return await establishUnit(deps, step.input, importActor, metadata);
      case 'rename': return await renameUnit(deps, step.input, importActor, metadata);
      case 'reparent': return await reparentUnit(deps, step.input, importActor, metadata);
      case 'merge': return await recordMerge(deps, step.input, importActor, metadata);
      case 'dissolve': return await dissolveUnit(deps, step.input, importActor, metadata);
      default: {
        const _: never = step;
        return _;
      }
    }
  } catch (error) {
    throw new ImportStepError(step, error);
  }
}

/**
 * The board half of each merge's follow-up process (followUpMerge): boards are found once per
 * phase, then each board ends its assignments merge by merge. Usually none: boards are filled after
 * the units exist, but a rerun over a live database finds them.
 */
async function endAssignments(
  deps: UnitHandlerDeps, phase: ImportPhase, concurrency: number, metadata: RequestMetadata, count: (result: CommandResult, planned: boolean) => void,
): Promise<void> {
  if (phase.merges.length === 0) return;
  const boards = await boardsByAssignedUnit(deps.store);
  const mergesByBoard = new Map<string, UnitsMerged[]>();
  for (const merge of phase.merges) {
    for (const board of boardsAssigning(boards, merge.fromCodes)) mergesByBoard.set(board, [...(mergesByBoard.get(board) ?? []), merge]);
  }
  await runPool([...mergesByBoard], concurrency, async ([committeeUnitCode, merges]) => {
    for (const merge of merges) count(await endAssignmentsForMerge(deps, { committeeUnitCode, merge }, importActor, metadata), false);
  });
}

export class ImportStepError extends Error {
  readonly code = 'IMPORT_STEP_FAILED';
  constructor(readonly step: ImportStep, cause: unknown) {
    super(`import-units: ${step.kind} ${JSON.stringify(step.input)} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ImportStepError';
  }
}
