import { baselinePhase } from './baselinePlan.js';
import type { ImportPlan } from './importPlan.js';
import { reformPhase } from './reformPlan.js';
import { indexUnitData, selectProvinces } from './reformIndex.js';
import type { UnitData } from './unitData.js';

export interface ImportOptions {
  /** 2024 province codes; their 2025 partners come along. Default: the whole country. */
  onlyProvinces?: readonly string[];
  /** `2024`: the baseline only; `2025` (default): the baseline and the 1/7/2025 reform. */
  until?: 2024 | 2025;
}

/** Pure: what the import will command, from the CSVs alone. */
export function buildImportPlan(data: UnitData, options: ImportOptions = {}): ImportPlan {
  const index = indexUnitData(data);
  const provinces = selectProvinces(index, options.onlyProvinces);
  const phases = [baselinePhase(index, provinces)];
  if ((options.until ?? 2025) === 2025) phases.push(reformPhase(index, provinces));
  return { provinces: [...provinces].sort(), phases };
}
