import type { IsoDate } from '#events/common.js';

/**
 * Dates and decision references of the import.
 *
 * BASELINE_DATE: units-2024.csv is the set in force from 1/3/2025 (it includes 1365/NQ-UBTVQH15,
 * SOURCE.md) until 30/6/2025, and gives no establishment dates. The import dates every 2024 unit
 * from 1/1/2024 so that the assignments, visits and evaluations of 2024 (e.g. Bắc Kạn's 1390-QĐ/TU
 * of 29/8/2024, domain-notes §2) can name their communes. The cost: units created by the 2024–25
 * commune rearrangements appear a few months early, and the units they replaced are absent.
 */
export const BASELINE_DATE: IsoDate = '2024-01-01';

/** 1654–1687/NQ-UBTVQH15 and 19/2025/QĐ-TTg all took effect on 1/7/2025 (domain-notes §6). */
export const REFORM_DATE: IsoDate = '2025-07-01';

/**
 * The National Assembly's resolution arranging the provinces (12/6/2025). Its number is widely
 * cited but not confirmed by the sources in domain-notes §6.
 */
export const PROVINCE_RESOLUTION = '202/2025/QH15';

/**
 * The commune resolution of each new province, where domain-notes §6 names it. The others are one
 * of 1654–1687/NQ-UBTVQH15 (one per new province) without the number confirmed here.
 */
const communeResolutions: Readonly<Record<string, string>> = {
  '01': '1656/NQ-UBTVQH15',
  '08': '1684/NQ-UBTVQH15',
  '15': '1673/NQ-UBTVQH15',
  '19': '1683/NQ-UBTVQH15',
  '40': '1678/NQ-UBTVQH15',
  '79': '1685/NQ-UBTVQH15',
  '86': '1687/NQ-UBTVQH15',
};

/** For the communes and districts of a new province: its commune resolution, which ended the districts' role. */
export function communeResolutionOf(newProvinceCode: string): string {
  return communeResolutions[newProvinceCode] ?? '1654–1687/NQ-UBTVQH15';
}
