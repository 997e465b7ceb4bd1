import { unitStream } from '#events/streams.js';
import { BASELINE_DATE } from './decisions.js';
import type { ImportPhase, ImportStage } from './importPlan.js';
import { provinceOf, type ReformIndex } from './reformIndex.js';
import type { CsvLevel, UnitRow } from './unitData.js';

/** Phase 2024: every unit of units-2024.csv in the selected provinces, parents first. */
export function baselinePhase(index: ReformIndex, provinces: ReadonlySet<string>): ImportPhase {
  const rows = [...index.units2024.values()].filter((row) => provinces.has(provinceOf(index.units2024, row.code) ?? ''));
  const stage = (level: CsvLevel): ImportStage => ({
    name: `establish ${level}s`,
    tasks: rows.filter((row) => row.level === level).map((row) => ({ stream: unitStream(row.code), steps: [{ kind: 'establish', input: establishInput(row) }] })),
  });
  return { name: '2024', stages: [stage('province'), stage('district'), stage('commune')], merges: [] };
}

function establishInput(row: UnitRow) {
  return { code: row.code, name: row.name, type: row.type, level: row.level, parentCode: row.parentCode, effectiveDate: BASELINE_DATE };
}
