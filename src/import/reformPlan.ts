import { unitStream } from '#events/streams.js';
import type { UnitDissolved, UnitsMerged } from '#events/units.js';
import { dissolutionsForMerge } from '../domain/unit/index.js';
import { PROVINCE_RESOLUTION, REFORM_DATE, communeResolutionOf } from './decisions.js';
import type { ImportPhase, ImportStep, ImportTask } from './importPlan.js';
import { provinceOf, type ReformIndex } from './reformIndex.js';
import type { MergeRow, UnitRow } from './unitData.js';

/**
 * Phase 2025, all dated 1/7/2025 (domain-notes §6):
 * 1. provinces: the merged ones become one (UnitsMerged into the code the new province kept, renamed
 *    where it took a partner's name: Yên Bái 15 becomes Tỉnh Lào Cai);
 * 2. communes: each 2025 commune is established (a new code) or renamed and moved under its province
 *    (a kept code), then receives its old units, full and partial as merges-2025.csv says;
 * 3. dissolutions: what a full merge absorbed (dissolutionsForMerge), each split unit (reason split,
 *    its parts as successors), then every remaining district (abolished: the level is gone).
 */
export function reformPhase(index: ReformIndex, provinces: ReadonlySet<string>): ImportPhase {
  const newProvinces = [...index.oldProvincesOf].filter(([, olds]) => olds.every((code) => provinces.has(code)));
  const provinceTasks = newProvinces.map(([code, olds]) => provinceTask(index, code, olds));
  const communes = [...index.units2025.values()].filter((row) => row.level === 'commune' && newProvinces.some(([code]) => code === row.parentCode));
  const communeTasks = communes.map((row) => communeTask(index, row));
  const merges = [...provinceTasks, ...communeTasks].flatMap((task) => task.steps).flatMap((step) => (step.kind === 'merge' ? [step.input] : []));
  return {
    name: '2025',
    stages: [
      { name: 'merge provinces', tasks: provinceTasks },
      { name: 'form communes', tasks: communeTasks },
      { name: 'dissolve units', tasks: dissolutionTasks(index, provinces, merges) },
    ],
    merges,
  };
}

function provinceTask(index: ReformIndex, code: string, olds: readonly string[]): ImportTask {
  const steps: ImportStep[] = [];
  const before = index.units2024.get(code);
  const after = index.units2025.get(code);
  if (before === undefined || after === undefined) throw new Error(`province ${code} is missing from units-2024.csv or units-2025.csv`);
  const decision = { effectiveDate: REFORM_DATE, decisionRef: PROVINCE_RESOLUTION };
  if (before.name !== after.name || before.type !== after.type) steps.push({ kind: 'rename', input: { code, name: after.name, type: after.type, ...decision } });
  if (olds.length > 1) steps.push({ kind: 'merge', input: { fromCodes: [...olds], intoCode: code, mergeType: 'full', ...decision } });
  return { stream: unitStream(code), steps };
}

function communeTask(index: ReformIndex, row: UnitRow): ImportTask {
  const province = row.parentCode ?? '';
  const decision = { effectiveDate: REFORM_DATE, decisionRef: communeResolutionOf(province) };
  const before = index.units2024.get(row.code);
  const steps: ImportStep[] = [];
  if (before?.level !== 'commune') {
    steps.push({ kind: 'establish', input: { code: row.code, name: row.name, type: row.type, level: 'commune', parentCode: province, ...decision } });
  } else {
    // Only real renames are commanded: a rename to the same name would decide nothing anyway.
    if (before.name !== row.name || before.type !== row.type) steps.push({ kind: 'rename', input: { code: row.code, name: row.name, type: row.type, ...decision } });
    steps.push({ kind: 'reparent', input: { code: row.code, parentCode: province, ...decision } });
  }
  const rows = index.mergesInto.get(row.code) ?? [];
  for (const mergeType of ['full', 'partial'] as const) {
    const fromCodes = rows.filter((merge) => merge.mergeType === mergeType).map((merge) => merge.oldCode).sort();
    // A commune that only kept its own code (or its own part) records no merge.
    if (fromCodes.length === 0 || (fromCodes.length === 1 && fromCodes[0] === row.code)) continue;
    steps.push({ kind: 'merge', input: { fromCodes, intoCode: row.code, mergeType, ...decision } });
  }
  return { stream: unitStream(row.code), steps };
}

function dissolutionTasks(index: ReformIndex, provinces: ReadonlySet<string>, merges: readonly UnitsMerged[]): ImportTask[] {
  const dissolutions = new Map<string, UnitDissolved>();
  // The 2025 list reuses 23710 (Xã A Dơk, merged whole into Ia Dơk 23869) for the new Xã Ia Băng.
  // A stream per code holds one unit, so a reused code continues as the new commune: its merge into
  // the other commune is recorded (assignments to it end), its dissolution is not.
  const reused = (code: string) => index.units2025.get(code)?.level === 'commune';
  for (const dissolution of merges.flatMap(dissolutionsForMerge)) {
    if (!reused(dissolution.code)) dissolutions.set(dissolution.code, dissolution);
  }
  for (const [code, rows] of index.mergesFrom) {
    if (!rows.every((row) => row.mergeType === 'partial') || reused(code) || !inProvinces(index, provinces, code)) continue;
    dissolutions.set(code, splitOf(index, code, rows));
  }
  for (const row of index.units2024.values()) {
    if (row.level !== 'district' || dissolutions.has(row.code) || !provinces.has(row.parentCode ?? '')) continue;
    const decisionRef = communeResolutionOf(index.newProvinceOf.get(row.parentCode ?? '') ?? '');
    dissolutions.set(row.code, { code: row.code, reason: 'abolished', successorCodes: [], effectiveDate: REFORM_DATE, decisionRef });
  }
  return [...dissolutions.values()].map((input) => ({ stream: unitStream(input.code), steps: [{ kind: 'dissolve', input }] }));
}

function splitOf(index: ReformIndex, code: string, rows: readonly MergeRow[]): UnitDissolved {
  const successorCodes = [...new Set(rows.map((row) => row.newCode))].sort();
  const province = index.units2025.get(successorCodes[0] ?? '')?.parentCode ?? '';
  return { code, reason: 'split', successorCodes, effectiveDate: REFORM_DATE, decisionRef: communeResolutionOf(province) };
}

function inProvinces(index: ReformIndex, provinces: ReadonlySet<string>, code: string): boolean {
  return provinces.has(provinceOf(index.units2024, code) ?? '');
}
