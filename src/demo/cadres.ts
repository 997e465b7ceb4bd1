import { changeCadrePosition } from '../commands/cadre/changeCadrePosition.js';
import { eraseCadrePersonalData } from '../commands/cadre/eraseCadrePersonalData.js';
import { registerCadre } from '../commands/cadre/registerCadre.js';
import { retireCadre } from '../commands/cadre/retireCadre.js';
import { transferCadre } from '../commands/cadre/transferCadre.js';
import { REFORM, agencyByKey } from './agencies.js';
import { actors, envAt, type DemoAgency, type DemoCadre, type DemoWorld } from './DemoWorld.js';
import { isAbsorbed, newProvinceOf } from './geography.js';
import { dateOfBirth, fullName, phone } from './names.js';

const POSITIONS: Readonly<Record<string, readonly string[]>> = {
  'state-department': ['Giám đốc Sở', 'Phó Giám đốc Sở', 'Trưởng phòng', 'Chuyên viên chính', 'Chuyên viên'],
  'party-board': ['Trưởng ban', 'Phó Trưởng ban', 'Trưởng phòng', 'Chuyên viên'],
  'mass-organisation': ['Chủ tịch', 'Phó Chủ tịch', 'Trưởng ban', 'Chuyên viên'],
};

const EXPERTISE: Readonly<Record<string, string>> = {
  agriculture: 'nông nghiệp, nông thôn mới', health: 'y tế cơ sở', education: 'giáo dục', finance: 'tài chính, ngân sách',
  propaganda: 'tuyên giáo', organisation: 'tổ chức, cán bộ', front: 'công tác mặt trận', farmers: 'kinh tế hộ',
};

function kindOf(agency: DemoAgency): string {
  return ['propaganda', 'organisation'].includes(agency.key) ? 'party-board' : ['front', 'farmers'].includes(agency.key) ? 'mass-organisation' : 'state-department';
}

/** Registers `perAgency` cadres in each agency; the first is its head, the second a deputy. */
export async function registerCadres(world: DemoWorld, perAgency: number): Promise<void> {
  for (const agency of [...world.agencies]) {
    const positions = POSITIONS[kindOf(agency)] ?? [];
    for (let i = 0; i < perAgency; i++) {
      const position = positions[Math.min(i, positions.length - 1)] ?? 'Chuyên viên';
      const env = envAt(world, actors.organizer(agency.provinceCode), '2020-06-15');
      const hasPhone = world.random.chance(0.7);
      const { id } = await registerCadre(env, world.vault, {
        fullName: fullName(world.random),
        dateOfBirth: dateOfBirth(world.random),
        ...(hasPhone ? { phone: phone(world.random) } : {}),
        position,
        agencyId: agency.agencyId,
        level: 'province',
        expertise: [EXPERTISE[agency.key] ?? 'tổng hợp'],
        inSuccessionPlan: world.random.chance(0.3),
      });
      world.cadres.push({ cadreId: id, postings: [{ from: '0001-01-01', agencyId: agency.agencyId }], provinceCode: agency.provinceCode, position, hasPhone, retiredOn: null });
      world.tick();
    }
  }
}

/** 1/7/2025: the cadres of an absorbed province move to the same body of the merged province. */
export async function transferOnReform(world: DemoWorld): Promise<void> {
  for (const cadre of world.cadres) {
    if (!isAbsorbed(cadre.provinceCode) || (cadre.retiredOn !== null && cadre.retiredOn <= REFORM)) continue;
    const from = world.agencies.find((agency) => agency.agencyId === cadre.postings[0]?.agencyId);
    if (from === undefined) continue;
    const to = agencyByKey(world, newProvinceOf(cadre.provinceCode), from.key);
    const env = envAt(world, actors.organizer(newProvinceOf(cadre.provinceCode)), '2025-06-30');
    await transferCadre(env, cadre.cadreId, { toAgencyId: to.agencyId, position: cadre.position, level: 'province', effectiveDate: REFORM, decisionRef: 'demo 01-QĐ/TU sắp xếp cơ quan' });
    cadre.postings.push({ from: REFORM, agencyId: to.agencyId });
    world.tick();
  }
}

/** A promotion: the deputy of an agency heads a division of it from 2023 (planning reviewed with it). */
export async function promote(world: DemoWorld, cadre: DemoCadre): Promise<void> {
  const env = envAt(world, actors.organizer(cadre.provinceCode), '2023-04-01');
  await changeCadrePosition(env, cadre.cadreId, { position: 'Phó Giám đốc Sở', inSuccessionPlan: true, effectiveDate: '2023-04-01', decisionRef: 'demo 215-QĐ/TU' });
  cadre.position = 'Phó Giám đốc Sở';
  world.tick();
}

/** Retires a cadre; two years later they ask for their phone number to be erased (the vault forgets it). */
export async function retire(world: DemoWorld, cadre: DemoCadre, on: string): Promise<void> {
  await retireCadre(envAt(world, actors.organizer(cadre.provinceCode), on), cadre.cadreId, { effectiveDate: on, decisionRef: 'demo 88-QĐ/TU nghỉ hưu' });
  cadre.retiredOn = on;
  world.tick();
}

export async function erasePhone(world: DemoWorld, cadre: DemoCadre, on: string): Promise<void> {
  await eraseCadrePersonalData(envAt(world, actors.admin(), on), world.vault, cadre.cadreId, { fields: ['phone'], reason: 'Cán bộ đã nghỉ hưu đề nghị xóa số điện thoại (demo)' });
  world.tick();
}
