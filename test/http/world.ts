import type { TokenRole } from '../../src/auth/roles.js';
import { created, type Kit } from './commandKit.js';

/**
 * A small country for command tests, built through the API as an admin:
 * province 01 ⊃ district 001 ⊃ communes 00001 (⊃ hamlet 00001001) and 00004;
 * province 02 ⊃ districts 002 (⊃ communes 00010, 00011, 00012, 00013) and 003.
 * Agencies A (province 01) and B (province 02); cadres c1, c2 in A, c3 in B; a one-to-one policy of 01.
 */
export interface World {
  tokens: Record<TokenRole, string> & {
    organizer02: string;
    cadre2: string;
    committee00004: string;
    committee01: string;
    agencyA: string;
  };
  agencyA: string;
  agencyB: string;
  c1: string;
  c2: string;
  c3: string;
  policy01: string;
}

const units = [
  ['01', 'Thành phố Hà Nội', 'Thành phố', 'province', null],
  ['02', 'Tỉnh Lào Cai', 'Tỉnh', 'province', null],
  ['001', 'Quận Ba Đình', 'Quận', 'district', '01'],
  ['002', 'Huyện Bát Xát', 'Huyện', 'district', '02'],
  ['003', 'Huyện Sa Pa', 'Huyện', 'district', '02'],
  ['00001', 'Phường Phúc Xá', 'Phường', 'commune', '001'],
  ['00004', 'Phường Trúc Bạch', 'Phường', 'commune', '001'],
  ['00001001', 'Tổ dân phố 1', 'Tổ dân phố', 'residents-group', '00001'],
  ['00010', 'Xã A Mú Sung', 'Xã', 'commune', '002'],
  ['00011', 'Xã Nậm Chạc', 'Xã', 'commune', '002'],
  ['00012', 'Xã A Lù', 'Xã', 'commune', '002'],
  ['00013', 'Xã Trịnh Tường', 'Xã', 'commune', '002'],
] as const;

export async function seedWorld(kit: Kit): Promise<World> {
  const admin = await kit.token('admin');
  for (const [code, name, type, level, parentCode] of units) {
    created(await kit.post('/v1/units', admin, { code, name, type, level, parentCode, effectiveDate: '2020-01-01' }));
  }
  const agencyA = created(await kit.post('/v1/agencies', admin, { name: 'Ban Tổ chức Thành ủy', kind: 'party-board', unitCode: '01' })).id;
  const agencyB = created(await kit.post('/v1/agencies', admin, { name: 'Sở Nông nghiệp', kind: 'state-department', unitCode: '02' })).id;
  const cadre = (agencyId: string, name: string) =>
    kit.post('/v1/cadres', admin, {
      fullName: name, dateOfBirth: '1980-05-01', phone: '+84 912 345 678', position: 'Chuyên viên', agencyId,
      level: 'province', expertise: ['xây dựng Đảng'], inSuccessionPlan: false,
    });
  const c1 = created(await cadre(agencyA, 'Nguyễn Văn An')).id;
  const c2 = created(await cadre(agencyA, 'Trần Thị Bình')).id;
  const c3 = created(await cadre(agencyB, 'Lê Văn Cường')).id;
  const policy01 = created(await kit.post('/v1/policies', admin, policyBody('01'))).id;
  const tokens = {
    admin,
    organizer: await kit.token('organizer', { provinceCode: '01' }),
    cadre: await kit.token('cadre', { cadreId: c1 }),
    'unit-committee': await kit.token('unit-committee', { unitCode: '00001' }),
    agency: await kit.token('agency', { agencyId: agencyB }),
    inspector: await kit.token('inspector', { provinceCode: '01' }),
    viewer: await kit.token('viewer'),
    organizer02: await kit.token('organizer', { provinceCode: '02' }),
    cadre2: await kit.token('cadre', { cadreId: c2 }),
    committee00004: await kit.token('unit-committee', { unitCode: '00004' }),
    committee01: await kit.token('unit-committee', { unitCode: '01' }),
    agencyA: await kit.token('agency', { agencyId: agencyA }),
  };
  return { tokens, agencyA, agencyB, c1, c2, c3, policy01 };
}

export function policyBody(unitCode: string) {
  return {
    reference: `19-QĐ/TU-${unitCode}`,
    title: 'Quy định về cán bộ theo dõi địa bàn',
    issuingUnitCode: unitCode,
    issuedOn: '2021-01-01',
    scopeUnitCodes: [unitCode],
    terms: {
      appliesTo: { levels: ['province'], positions: [] },
      rule: { kind: 'days-per-year', days: 36 },
      reportDeadlineDays: 7,
      oneCadreOneCommune: true,
      oneFollowerPerCommune: true,
    },
    effectiveFrom: '2021-01-01',
  };
}

export function assignmentBody(cadreId: string, unitCode: string, extra: Record<string, unknown> = {}) {
  return {
    committeeUnitCode: '01', cadreId, unitCode, kind: 'follow', decisionRef: '100-QĐ/TU', decisionDate: '2023-12-20',
    effectiveFrom: '2024-01-01', congressTerm: '2020-2025', ...extra,
  };
}
