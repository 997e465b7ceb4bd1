import type { UnitData } from '../import/unitData.js';
import { DEMO_OLD_PROVINCES } from './demoUnits.js';
import { shortName } from './geography.js';

/** The demo's old provinces and their short names (`Lào Cai`), from units-2024.csv. */
export function provinceNames(data: UnitData): Map<string, string> {
  const names = new Map<string, string>();
  for (const code of DEMO_OLD_PROVINCES) {
    const row = data.units2024.find((unit) => unit.code === code);
    if (row !== undefined) names.set(code, shortName(row.name));
  }
  return names;
}
