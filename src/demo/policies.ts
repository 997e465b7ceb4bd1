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
    // §4: Nghệ An's regulation on provincial leaders' trips to the grassroots is confirmed, but it sets
    // no number of days that the notes found: the 12 days are the demo's. It took effect before the
    // specialists' rule, so a specialist is bound by the later, more specific one.
    reference: 'Nghệ An (quy định đi cơ sở của lãnh đạo tỉnh; số hiệu chưa xác minh)',
    title: 'Quy định về tổ chức các chuyến công tác cơ sở của lãnh đạo tỉnh (định mức ngày: giả định của demo)',
    issuingUnitCode: '40', issuedOn: '2016-03-01', scopeUnitCodes: ['40'], effectiveFrom: '2016-03-01',
    terms: { appliesTo: province, rule: { kind: 'days-per-year', days: 12 }, reportDeadlineDays: 7, oneCadreOneCommune: false, oneFollowerPerCommune: false },
  },
  // The provinces merged with the four above in 2025 (Yên Bái 15, Thái Nguyên 19, Trà Vinh 84, Vĩnh
  // Long 86) also had their cadres follow communes, under regulations the notes did not retrieve: one
  // policy each, wholly the demo's assumption, so that their trips have a report deadline too.
  ...(['15', '19', '84', '86'] as const).map((code): IssuePolicyInput => ({
    reference: `demo-${code} (giả định)`,
    title: 'Quy định cán bộ lãnh đạo cấp tỉnh theo dõi xã, phường, thị trấn (toàn bộ nội dung là giả định của demo)',
    issuingUnitCode: code, issuedOn: '2016-06-01', scopeUnitCodes: [code], effectiveFrom: '2016-06-01',
    terms: { appliesTo: province, rule: { kind: 'days-per-year', days: 12 }, reportDeadlineDays: 7, oneCadreOneCommune: false, oneFollowerPerCommune: false },
  })),
  // After the 1 July 2025 merger the old provinces' policies no longer reach the new communes (their
  // scope is the abolished province). What each merged province decided is unconfirmed (§1, §2, §3):
  // the demo assumes each new province carries on its predecessor's rule, issued a few days after the
  // merger but in force from the merger itself, so that no trip after 1/7/2025 goes without a policy.
  {
    reference: '19-QĐ/TU (áp dụng tiếp, giả định)',
    title: 'Tỉnh Lào Cai (mới) tiếp tục áp dụng chế độ đi cơ sở 36 ngày/năm (giả định của demo)',
    issuingUnitCode: '15', issuedOn: '2025-07-10', scopeUnitCodes: ['15'], effectiveFrom: '2025-07-01',
    terms: { appliesTo: province, rule: { kind: 'days-per-year', days: 36 }, reportDeadlineDays: 7, oneCadreOneCommune: false, oneFollowerPerCommune: false },
  },
  {
    reference: 'Thái Nguyên (số hiệu giả định)',
    title: 'Tỉnh Thái Nguyên (mới) tiếp tục áp dụng chế độ cán bộ tỉnh theo dõi xã, phường như Quy định 1390-QĐ/TU (giả định của demo)',
    issuingUnitCode: '19', issuedOn: '2025-07-10', scopeUnitCodes: ['19'], effectiveFrom: '2025-07-01',
    terms: { appliesTo: province, rule: { kind: 'days-per-year', days: 12 }, reportDeadlineDays: 10, oneCadreOneCommune: false, oneFollowerPerCommune: false },
  },
  {
    reference: 'Vĩnh Long (số hiệu giả định)',
    title: 'Tỉnh Vĩnh Long (mới): mỗi xã một cán bộ tỉnh theo dõi, như Quy định 02-QĐ/TU của Bến Tre (giả định của demo)',
    issuingUnitCode: '86', issuedOn: '2025-07-10', scopeUnitCodes: ['86'], effectiveFrom: '2025-07-01',
    terms: { appliesTo: province, rule: { kind: 'days-per-year', days: 12 }, reportDeadlineDays: 7, oneCadreOneCommune: true, oneFollowerPerCommune: true },
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
