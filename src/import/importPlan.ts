import type { UnitsMerged } from '#events/units.js';
import type {
  DissolveUnitInput, EstablishUnitInput, MergeUnitsInput, RenameUnitInput, ReparentUnitInput,
} from '../commands/unit/index.js';

/** One command of the import, run through the same handler as `POST /v1/units…`. */
export type ImportStep =
  | { readonly kind: 'establish'; readonly input: EstablishUnitInput }
  | { readonly kind: 'rename'; readonly input: RenameUnitInput }
  | { readonly kind: 'reparent'; readonly input: ReparentUnitInput }
  | { readonly kind: 'merge'; readonly input: MergeUnitsInput }
  | { readonly kind: 'dissolve'; readonly input: DissolveUnitInput };

/** Steps on one stream, in order. Tasks of a stage touch different streams and may run concurrently. */
export interface ImportTask {
  readonly stream: string;
  readonly steps: readonly ImportStep[];
}

/** A stage needs the ones before it (a parent before its children, a merge before what it implies). */
export interface ImportStage {
  readonly name: string;
  readonly tasks: readonly ImportTask[];
}

export interface ImportPhase {
  readonly name: '2024' | '2025';
  readonly stages: readonly ImportStage[];
  /** The merges of the phase, whose assignments the board stage ends (found in the store at run time). */
  readonly merges: readonly UnitsMerged[];
}

export interface ImportPlan {
  readonly provinces: readonly string[];
  readonly phases: readonly ImportPhase[];
}

export function stepCount(plan: ImportPlan): number {
  return plan.phases.flatMap((phase) => phase.stages).flatMap((stage) => stage.tasks).reduce((n, task) => n + task.steps.length, 0);
}
