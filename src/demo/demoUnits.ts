import type { IsoDate } from '#events/common.js';
import { buildImportPlan } from '../import/buildImportPlan.js';
import type { ImportPhase, ImportPlan, ImportStep } from '../import/importPlan.js';
import { indexUnitData, provinceOf, type ReformIndex } from '../import/reformIndex.js';
import type { UnitData } from '../import/unitData.js';

/** Lào Cai + Yên Bái, Bắc Kạn + Thái Nguyên, Nghệ An, Bến Tre + Trà Vinh + Vĩnh Long (domain-notes §6). */
export const DEMO_OLD_PROVINCES: readonly string[] = ['10', '15', '06', '19', '40', '83', '84', '86'];

/**
 * The import dates the 2024 units from 1/1/2024 (src/import/decisions.ts). The demo's history starts
 * earlier (the 2020–2025 congress term, Lào Cai's 19-QĐ/TU of 2014), so it records the same units
 * from earlier dates: provinces from 2014, districts and communes from 2020. The same caveat as the
 * import's, stretched: units created by later rearrangements appear early. Demo data only.
 */
export const DEMO_PROVINCE_SINCE: IsoDate = '2014-01-01';
export const DEMO_COMMUNE_SINCE: IsoDate = '2020-01-01';

export interface DemoUnits {
  readonly plan: ImportPlan;
  readonly oldCommunes: Map<string, string[]>;
  readonly newCommunes: Map<string, string[]>;
  readonly successors: Map<string, string[]>;
}

/**
 * The units of the demo: the import's own plan (buildImportPlan), kept to the chosen communes and
 * everything their 2025 merges involve (a merge needs each unit it names, a split each of its parts),
 * with the baseline establishments backdated as above.
 */
export function demoUnits(data: UnitData, communesPerOldProvince: number | null, wholeCountry: boolean): DemoUnits {
  const index = indexUnitData(data);
  const full = buildImportPlan(data, wholeCountry ? {} : { onlyProvinces: [...DEMO_OLD_PROVINCES] });
  const chosen = communesPerOldProvince === null ? null : closure(index, pickCommunes(index, communesPerOldProvince));
  const keep = (code: string): boolean => chosen === null || code.length === 2 || chosen.units.has(code);
  const plan: ImportPlan = { provinces: full.provinces, phases: full.phases.map((phase) => keepPhase(phase, keep)) };
  const oldCommunes = new Map<string, string[]>();
  const newCommunes = new Map<string, string[]>();
  const successors = new Map<string, string[]>();
  for (const row of index.units2024.values()) {
    const province = provinceOf(index.units2024, row.code) ?? '';
    if (row.level !== 'commune' || !DEMO_OLD_PROVINCES.includes(province) || !keep(row.code)) continue;
    oldCommunes.set(province, [...(oldCommunes.get(province) ?? []), row.code]);
    successors.set(row.code, [...new Set((index.mergesFrom.get(row.code) ?? []).map((merge) => merge.newCode))].sort());
  }
  const newProvinces = new Set(DEMO_OLD_PROVINCES.map((code) => index.newProvinceOf.get(code)));
  for (const row of index.units2025.values()) {
    if (row.level !== 'commune' || !newProvinces.has(row.parentCode ?? '') || !keep(row.code)) continue;
    newCommunes.set(row.parentCode ?? '', [...(newCommunes.get(row.parentCode ?? '') ?? []), row.code]);
  }
  return { plan, oldCommunes, newCommunes, successors };
}

/** The first n new communes (by code) receiving communes of each old province, preferring real merges. */
function pickCommunes(index: ReformIndex, n: number): string[] {
  const picked: string[] = [];
  for (const old of DEMO_OLD_PROVINCES) {
    const candidates = [...index.mergesInto].filter(([, rows]) =>
      rows.length >= 2 && rows.every((row) => provinceOf(index.units2024, row.oldCode) === old && row.mergeType === 'full'));
    picked.push(...candidates.slice(0, n).map(([code]) => code));
  }
  return picked;
}

/** New communes and their old ones, closed under "merged into" and "split into". */
function closure(index: ReformIndex, newCodes: readonly string[]): { units: Set<string> } {
  const units = new Set<string>();
  const pending = [...newCodes];
  while (pending.length > 0) {
    const code = pending.pop() ?? '';
    if (units.has(code)) continue;
    units.add(code);
    for (const row of index.mergesInto.get(code) ?? []) pending.push(row.oldCode);
    for (const row of index.mergesFrom.get(code) ?? []) pending.push(row.newCode);
  }
  for (const code of [...units]) {
    const parent = index.units2024.get(code)?.parentCode;
    if (index.units2024.get(code)?.level === 'commune' && parent) units.add(parent);
  }
  return { units };
}

function keepPhase(phase: ImportPhase, keep: (code: string) => boolean): ImportPhase {
  const stages = phase.stages.map((stage) => ({
    name: stage.name,
    tasks: stage.tasks.filter((task) => keep(task.stream.slice('unit-'.length))).map((task) => ({
      stream: task.stream,
      steps: phase.name === '2024' ? task.steps.map(backdate) : task.steps,
    })),
  }));
  return { name: phase.name, stages, merges: phase.merges.filter((merge) => keep(merge.intoCode)) };
}

function backdate(step: ImportStep): ImportStep {
  if (step.kind !== 'establish') return step;
  const effectiveDate = step.input.level === 'province' ? DEMO_PROVINCE_SINCE : DEMO_COMMUNE_SINCE;
  return { kind: 'establish', input: { ...step.input, effectiveDate } };
}
