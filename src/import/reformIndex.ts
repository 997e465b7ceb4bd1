import type { MergeRow, UnitData, UnitRow } from './unitData.js';

/** Lookups over the three CSVs that the plan and the tests share. */
export interface ReformIndex {
  readonly units2024: ReadonlyMap<string, UnitRow>;
  readonly units2025: ReadonlyMap<string, UnitRow>;
  /** Rows of merges-2025.csv by new commune code, in file order. */
  readonly mergesInto: ReadonlyMap<string, readonly MergeRow[]>;
  /** Rows of merges-2025.csv by old unit code. */
  readonly mergesFrom: ReadonlyMap<string, readonly MergeRow[]>;
  /** Each 2024 province's 2025 province; SOURCE.md: every old province maps to exactly one. */
  readonly newProvinceOf: ReadonlyMap<string, string>;
  /** Each 2025 province's 2024 provinces, sorted. */
  readonly oldProvincesOf: ReadonlyMap<string, readonly string[]>;
}

export function indexUnitData(data: UnitData): ReformIndex {
  const units2024 = new Map(data.units2024.map((row) => [row.code, row]));
  const units2025 = new Map(data.units2025.map((row) => [row.code, row]));
  const mergesInto = groupBy(data.merges, (row) => row.newCode);
  const mergesFrom = groupBy(data.merges, (row) => row.oldCode);
  const newProvinceOf = new Map<string, string>();
  for (const row of data.merges) {
    const oldProvince = provinceOf(units2024, row.oldCode);
    const newProvince = units2025.get(row.newCode)?.parentCode ?? null;
    if (oldProvince === null || newProvince === null) throw new Error(`merges-2025.csv: ${row.oldCode} → ${row.newCode} names an unknown unit`);
    const known = newProvinceOf.get(oldProvince);
    if (known !== undefined && known !== newProvince) throw new Error(`province ${oldProvince} maps to both ${known} and ${newProvince}`);
    newProvinceOf.set(oldProvince, newProvince);
  }
  const oldProvincesOf = new Map<string, string[]>();
  for (const [oldProvince, newProvince] of [...newProvinceOf].sort()) {
    oldProvincesOf.set(newProvince, [...(oldProvincesOf.get(newProvince) ?? []), oldProvince]);
  }
  return { units2024, units2025, mergesInto, mergesFrom, newProvinceOf, oldProvincesOf };
}

/** The 2024 province a 2024 unit lies in (communes → district → province). */
export function provinceOf(units2024: ReadonlyMap<string, UnitRow>, code: string): string | null {
  let row = units2024.get(code);
  while (row !== undefined && row.level !== 'province') row = row.parentCode === null ? undefined : units2024.get(row.parentCode);
  return row?.code ?? null;
}

/**
 * The 2024 provinces to import: all, or the requested ones together with their 2025 partners, since
 * a merge needs every unit it names (`10` brings in Yên Bái 15, with which it formed the new Lào Cai).
 */
export function selectProvinces(index: ReformIndex, requested: readonly string[] | undefined): ReadonlySet<string> {
  if (requested === undefined) return new Set(index.newProvinceOf.keys());
  const selected = new Set<string>();
  for (const code of requested) {
    const newProvince = index.newProvinceOf.get(code);
    if (newProvince === undefined) throw new UnknownProvinceError(code);
    for (const partner of index.oldProvincesOf.get(newProvince) ?? []) selected.add(partner);
  }
  return selected;
}

export class UnknownProvinceError extends Error {
  readonly code = 'UNKNOWN_PROVINCE';
  constructor(readonly provinceCode: string) {
    super(`no 2024 province has the code ${provinceCode} (two digits, e.g. 10 for Lào Cai)`);
    this.name = 'UnknownProvinceError';
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
