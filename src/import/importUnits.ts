import type { EventStore } from '../store/EventStore.js';
import { buildImportPlan, type ImportOptions } from './buildImportPlan.js';
import { stepCount, type ImportPlan } from './importPlan.js';
import { runImportPlan, type PhaseSummary } from './runImportPlan.js';
import { readUnitData } from './unitData.js';

export interface ImportUnitsOptions extends ImportOptions {
  store: EventStore;
  now(): Date;
  concurrency: number;
  /** Directory of the CSVs; default data/vn-admin-units. */
  dataDir?: string;
  /** Called once the plan is known, with the number of commands it holds. */
  onPlan?: (plan: ImportPlan, commands: number) => void;
  onStep?: (phase: string, appended: number) => void;
}

export interface ImportSummary {
  provinces: readonly string[];
  phases: PhaseSummary[];
  milliseconds: number;
}

/** `diaban import-units`: the 2024 units, then the 1/7/2025 reform, through the unit handlers. */
export async function importUnits(options: ImportUnitsOptions): Promise<ImportSummary> {
  const started = performance.now();
  const plan = buildImportPlan(await readUnitData(options.dataDir), options);
  options.onPlan?.(plan, stepCount(plan));
  const phases = await runImportPlan(plan, {
    store: options.store,
    now: options.now,
    concurrency: options.concurrency,
    ...(options.onStep ? { onStep: options.onStep } : {}),
  });
  return { provinces: plan.provinces, phases, milliseconds: Math.round(performance.now() - started) };
}
