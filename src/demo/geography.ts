/**
 * The demo provinces before and after 1/7/2025 (Nghị quyết 60-NQ/TW, domain-notes §6): each old
 * province's new one, and which old provinces were absorbed into a partner that kept its own code.
 */
export const NEW_PROVINCE_OF: Readonly<Record<string, string>> = {
  '10': '15', '15': '15', '06': '19', '19': '19', '40': '40', '83': '86', '84': '86', '86': '86',
};

export const NEW_PROVINCES = ['15', '19', '40', '86'] as const;

/** Names the surviving code takes on 1/7/2025 where it changed (Yên Bái's 15 becomes Lào Cai). */
export const RENAMED_ON_REFORM: ReadonlyMap<string, string> = new Map([['15', 'Lào Cai']]);

export function isAbsorbed(oldProvince: string): boolean {
  return NEW_PROVINCE_OF[oldProvince] !== oldProvince;
}

export function newProvinceOf(oldProvince: string): string {
  const code = NEW_PROVINCE_OF[oldProvince];
  if (code === undefined) throw new Error(`${oldProvince} is not a demo province`);
  return code;
}

/** `Tỉnh Lào Cai` → `Lào Cai`. */
export function shortName(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố)\s+/, '');
}
