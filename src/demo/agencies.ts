import type { IsoDate } from '#events/common.js';
import { registerAgency } from '../commands/agency/registerAgency.js';
import { renameAgency } from '../commands/agency/renameAgency.js';
import { actors, envAt, type DemoAgency, type DemoWorld } from './DemoWorld.js';

type Kind = 'state-department' | 'party-board' | 'mass-organisation';

/**
 * The provincial bodies whose leaders follow communes (Bắc Kạn 1390-QĐ/TU names "sở, ban ngành,
 * đoàn thể cấp tỉnh", domain-notes §2). `of` builds the name for a province's short name.
 */
const CATALOGUE: readonly { key: string; kind: Kind; of: (province: string) => string }[] = [
  { key: 'agriculture', kind: 'state-department', of: (p) => `Sở Nông nghiệp và Phát triển nông thôn tỉnh ${p}` },
  { key: 'health', kind: 'state-department', of: (p) => `Sở Y tế tỉnh ${p}` },
  { key: 'education', kind: 'state-department', of: (p) => `Sở Giáo dục và Đào tạo tỉnh ${p}` },
  { key: 'finance', kind: 'state-department', of: (p) => `Sở Tài chính tỉnh ${p}` },
  { key: 'propaganda', kind: 'party-board', of: (p) => `Ban Tuyên giáo Tỉnh ủy ${p}` },
  { key: 'organisation', kind: 'party-board', of: (p) => `Ban Tổ chức Tỉnh ủy ${p}` },
  { key: 'front', kind: 'mass-organisation', of: (p) => `Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh ${p}` },
  { key: 'farmers', kind: 'mass-organisation', of: (p) => `Hội Nông dân tỉnh ${p}` },
];

/** 1/3/2025: the agriculture and environment departments merged with the ministries (Nghị định 25/2025/NĐ-CP, unconfirmed here). */
const AGRICULTURE_RENAMED: IsoDate = '2025-03-01';
export const REFORM: IsoDate = '2025-07-01';

export function agencyCount(provinces: number): number {
  return provinces * CATALOGUE.length;
}

/** Registers the catalogue in each old province (mid-2020), by the province's organizer. */
export async function registerAgencies(world: DemoWorld, provinces: ReadonlyMap<string, string>): Promise<void> {
  for (const [provinceCode, provinceName] of provinces) {
    for (const entry of CATALOGUE) {
      const name = entry.of(provinceName);
      const env = envAt(world, actors.organizer(provinceCode), '2020-06-01');
      const { id } = await registerAgency(env, { name, kind: entry.kind, unitCode: provinceCode });
      world.agencies.push({ agencyId: id, key: entry.key, name, provinceCode });
      world.tick();
    }
  }
}

/**
 * The renames of 2025: the agriculture department everywhere on 1/3/2025, and on 1/7/2025 the
 * agencies of a province whose code the merged province kept take the new province's name.
 */
export async function renameAgencies(world: DemoWorld, renamedProvinces: ReadonlyMap<string, string>): Promise<void> {
  for (const agency of [...world.agencies]) {
    if (agency.key === 'agriculture') {
      const name = agency.name.replace('Phát triển nông thôn', 'Môi trường');
      await renameAgency(envAt(world, actors.organizer(agency.provinceCode), AGRICULTURE_RENAMED), agency.agencyId, { name, effectiveDate: AGRICULTURE_RENAMED });
      world.tick();
    }
    const newName = renamedProvinces.get(agency.provinceCode);
    if (newName === undefined) continue;
    const base = CATALOGUE.find((entry) => entry.key === agency.key)?.of(newName) ?? agency.name;
    const name = agency.key === 'agriculture' ? base.replace('Phát triển nông thôn', 'Môi trường') : base;
    await renameAgency(envAt(world, actors.organizer(agency.provinceCode), REFORM), agency.agencyId, { name, effectiveDate: REFORM });
    world.tick();
  }
}

export function agencyByKey(world: DemoWorld, provinceCode: string, key: string): DemoAgency {
  const agency = world.agencies.find((candidate) => candidate.provinceCode === provinceCode && candidate.key === key);
  if (agency === undefined) throw new Error(`no demo agency ${key} in ${provinceCode}`);
  return agency;
}

export function agenciesOf(world: DemoWorld, provinceCode: string): DemoAgency[] {
  return world.agencies.filter((agency) => agency.provinceCode === provinceCode);
}
