import type { IssuePolicyInput } from '../commands/policy/issuePolicy.js';
import { issuePolicy } from '../commands/policy/issuePolicy.js';
import { actors, envAt, type DemoWorld } from './DemoWorld.js';

const province = { levels: ['province' as const], positions: [] };

/**
 * Policies modelled on the regulations of domain-notes §1–4. What the notes mark unconfirmed stays
 * marked in the title, and deadlines no source gives (reportDeadlineDays) are the demo's choice.
 */
const POLICIES: readonly IssuePolicyInput[] = [
  {
    // §1: number, date and "36 days" come from the brief; the text was not found (unconfirmed).
    reference: '19-QĐ/TU',
    title: 'Quy định về chế độ đi cơ sở của cán bộ lãnh đạo, quản lý cấp tỉnh: ít nhất 36 ngày/năm (nội dung chưa xác minh)',
    issuingUnitCode: '10', issuedOn: '2014-03-20', scopeUnitCodes: ['10'], effectiveFrom: '2014-03-20',
    terms: { appliesTo: province, rule: { kind: 'days-per-year', days: 36 }, reportDeadlineDays: 7, oneCadreOneCommune: false, oneFollowerPerCommune: false },
  },
  {
    // §2: issue date and scope confirmed; the yearly quota is not in the excerpt (the demo's 12 days).
    reference: '1390-QĐ/TU',
    title: 'Quy định nhiệm vụ, quyền hạn của cán bộ lãnh đạo sở, ban ngành, đoàn thể cấp tỉnh theo dõi các xã, phường, thị trấn (định mức ngày: giả định của demo)',
    issuingUnitCode: '06', issuedOn: '2024-08-29', scopeUnitCodes: ['06'], effectiveFrom: '2024-08-29',
    terms: { appliesTo: province, rule: { kind: 'days-per-year', days: 12 }, reportDeadlineDays: 10, oneCadreOneCommune: false, oneFollowerPerCommune: false },
  },
  {
    // §4: "1/3 of working time" for specialists is unconfirmed; number and date unknown.
    reference: 'Nghệ An (số hiệu chưa xác minh)',
    title: 'Chuyên viên dành 1/3 thời gian làm việc đi cơ sở (chưa xác minh)',
    issuingUnitCode: '40', issuedOn: '2020-01-15', scopeUnitCodes: ['40'], effectiveFrom: '2020-02-01',
    terms: { appliesTo: { levels: ['province'], positions: ['Chuyên viên', 'Chuyên viên chính'] }, rule: { kind: 'share-of-working-days', share: 0.3333 }, reportDeadlineDays: 7, oneCadreOneCommune: false, oneFollowerPerCommune: false },
  },
  {
    // §3: one provincial cadre per commune is confirmed; "Quy định 02" and its date are not.
    reference: '02-QĐ/TU (chưa xác minh)',
    title: 'Tỉnh nắm tới xã, huyện nắm tới ấp, xã nắm tới hộ: mỗi xã một cán bộ tỉnh theo dõi (định mức ngày: giả định của demo)',
    issuingUnitCode: '83', issuedOn: '2016-06-01', scopeUnitCodes: ['83'], effectiveFrom: '2016-06-01',
    terms: { appliesTo: province, rule: { kind: 'days-per-year', days: 12 }, reportDeadlineDays: 7, oneCadreOneCommune: true, oneFollowerPerCommune: true },
  },
  {
    // After the merger the new Lào Cai (code 15) is assumed to keep 36 days: the demo's assumption (§1).
    reference: '19-QĐ/TU (áp dụng tiếp, giả định)',
    title: 'Tỉnh Lào Cai (mới) tiếp tục áp dụng chế độ đi cơ sở 36 ngày/năm (giả định của demo)',
    issuingUnitCode: '15', issuedOn: '2025-07-10', scopeUnitCodes: ['15'], effectiveFrom: '2025-07-10',
    terms: { appliesTo: province, rule: { kind: 'days-per-year', days: 36 }, reportDeadlineDays: 7, oneCadreOneCommune: false, oneFollowerPerCommune: false },
  },
];

export const policyCount = POLICIES.length;

/** Issues the policies issued up to `until` (the 2025 one after the merger), each the day after its date. */
export async function issuePolicies(world: DemoWorld, range: { from: string; until: string }): Promise<void> {
  for (const policy of POLICIES.filter((p) => p.issuedOn >= range.from && p.issuedOn <= range.until)) {
    await issuePolicy(envAt(world, actors.organizer(policy.issuingUnitCode), policy.issuedOn, 16), policy);
    world.tick();
  }
}
