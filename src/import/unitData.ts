import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The copy shipped with diaban (data/vn-admin-units/SOURCE.md says where it comes from). */
export const defaultDataDir = fileURLToPath(new URL('../../data/vn-admin-units/', import.meta.url));

export type CsvLevel = 'province' | 'district' | 'commune';

/** A row of units-2024.csv or units-2025.csv. Codes keep their leading zeros. */
export interface UnitRow {
  readonly level: CsvLevel;
  readonly code: string;
  readonly name: string;
  readonly type: string;
  /** Province for a district; district (2024) or province (2025) for a commune; null for a province. */
  readonly parentCode: string | null;
}

/** A row of merges-2025.csv: one 2024 unit (a commune, or one of 5 island districts) into one 2025 commune. */
export interface MergeRow {
  readonly oldCode: string;
  readonly newCode: string;
  readonly mergeType: 'full' | 'partial';
}

export interface UnitData {
  readonly units2024: readonly UnitRow[];
  readonly units2025: readonly UnitRow[];
  readonly merges: readonly MergeRow[];
}

export async function readUnitData(dir: string = defaultDataDir): Promise<UnitData> {
  const [units2024, units2025, merges] = await Promise.all([
    readCsv(`${dir}/units-2024.csv`, ['level', 'code', 'name', 'type', 'parent_code']),
    readCsv(`${dir}/units-2025.csv`, ['level', 'code', 'name', 'type', 'parent_code']),
    readCsv(`${dir}/merges-2025.csv`, ['old_commune_code', 'new_commune_code', 'merge_type']),
  ]);
  return { units2024: units2024.map(toUnitRow), units2025: units2025.map(toUnitRow), merges: merges.map(toMergeRow) };
}

/**
 * SOURCE.md: UTF-8, NFC, comma-separated, `\n`, a header row, and no field holds a comma or a
 * quote, so splitting on commas is exact. A different header means different data: refuse it.
 */
async function readCsv(path: string, header: readonly string[]): Promise<string[][]> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');
  if (lines[0] !== header.join(',')) throw new Error(`${path}: expected the header ${header.join(',')}`);
  return lines.slice(1).map((line, index) => {
    const fields = line.split(',');
    if (fields.length !== header.length) throw new Error(`${path}:${index + 2}: expected ${header.length} fields`);
    return fields;
  });
}

function toUnitRow([level, code, name, type, parentCode]: string[]): UnitRow {
  if (level !== 'province' && level !== 'district' && level !== 'commune') throw new Error(`unknown level ${level}`);
  return { level, code: code ?? '', name: name ?? '', type: type ?? '', parentCode: parentCode ? parentCode : null };
}

function toMergeRow([oldCode, newCode, mergeType]: string[]): MergeRow {
  if (mergeType !== 'full' && mergeType !== 'partial') throw new Error(`unknown merge type ${mergeType}`);
  return { oldCode: oldCode ?? '', newCode: newCode ?? '', mergeType };
}
