import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Random } from '../../../src/demo/random.js';
import { uuidFrom, type Append, type StreamBatch } from './streamBatch.js';

/**
 * The province the generated history happens in: Nghệ An (40) as the 2024 unit list has it (its
 * 20 districts and their communes, from data/vn-admin-units/), its provincial bodies, their cadres,
 * two quota policies and the provincial committee's assignment board over two congress terms.
 * The 2025 reform is left out: a benchmark needs the volume, not the merges (the demo has those).
 */
export const PROVINCE = '40';
const BASELINE = '2019-01-01';
interface Term { term: string; from: string; until: string | undefined; decision: string; decided: string }
const TERM_1: Term = { term: '2020-2025', from: '2021-01-15', until: '2025-10-19', decision: '125-QĐ/TU', decided: '2021-01-10' };
const TERM_2: Term = { term: '2025-2030', from: '2025-10-20', until: undefined, decision: '08-QĐ/TU', decided: '2025-10-15' };

const BODIES = [
  'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Tài chính', 'Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Kế hoạch và Đầu tư',
  'Sở Xây dựng', 'Sở Giao thông vận tải', 'Sở Tài nguyên và Môi trường', 'Sở Lao động - Thương binh và Xã hội', 'Sở Nội vụ',
  'Ban Tổ chức Tỉnh ủy', 'Ban Tuyên giáo Tỉnh ủy', 'Ban Dân vận Tỉnh ủy', 'Ủy ban Kiểm tra Tỉnh ủy', 'Hội Nông dân tỉnh', 'Tỉnh đoàn',
] as const;
const POSITIONS = ['Chuyên viên', 'Chuyên viên chính', 'Trưởng phòng', 'Phó Trưởng phòng', 'Phó Giám đốc'] as const;

export interface Unit { code: string; name: string; type: string; level: 'province' | 'district' | 'commune'; parentCode: string | null }

/** What the fieldwork generator needs to know about the world it writes into. */
export interface Province {
  communes: readonly string[];
  agencies: readonly string[];
  cadres: readonly { cadreId: string; agencyId: string; follows: { term1: string; term2: string } }[];
}

export function loadUnits(): Unit[] {
  const csv = resolve(fileURLToPath(import.meta.url), '../../../../data/vn-admin-units/units-2024.csv');
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((line) => {
    const [level, code, name, type, parent] = line.split(',');
    return { level: level as Unit['level'], code: code!, name: name!, type: type!, parentCode: parent || null };
  });
  const districts = new Set(rows.filter((r) => r.level === 'district' && r.parentCode === PROVINCE).map((r) => r.code));
  return rows.filter((r) => r.code === PROVINCE || districts.has(r.code) || (r.level === 'commune' && districts.has(r.parentCode ?? '')));
}

const commitment = (value: string) => ({ commitment: createHash('sha256').update(value).digest('hex') });

/**
 * Appends the context streams (units, agencies, cadres, policies, the board) and returns the
 * province. `cadreCount` cadres are spread over the bodies; each follows one commune per term.
 */
export async function appendProvince(append: Append, random: Random, cadreCount: number): Promise<Province> {
  const units = loadUnits();
  const communes = units.filter((u) => u.level === 'commune').map((u) => u.code);
  for (const u of units) {
    await append({ streamId: `unit-${u.code}`, events: [{ type: 'UnitEstablished', on: BASELINE, data: { ...u, effectiveDate: BASELINE, decisionRef: 'NQ-UBTVQH' } }] });
  }
  const agencies = BODIES.map((body, i) => ({ agencyId: uuidFrom(`agency-${i}`), name: `${body} tỉnh Nghệ An`, kind: body.startsWith('Sở') ? 'state-department' : body.includes('Tỉnh ủy') ? 'party-board' : 'mass-organisation' }));
  for (const a of agencies) {
    await append({ streamId: `agency-${a.agencyId}`, events: [{ type: 'AgencyRegistered', on: BASELINE, data: { ...a, unitCode: PROVINCE } }] });
  }
  const cadres = Array.from({ length: cadreCount }, (_, i) => ({
    cadreId: uuidFrom(`cadre-${i}`),
    agencyId: agencies[i % agencies.length]!.agencyId,
    follows: { term1: communes[i % communes.length]!, term2: random.chance(0.1) ? random.pick(communes) : communes[i % communes.length]! },
  }));
  for (const [i, c] of cadres.entries()) await append(cadreStream(random, c, i, agencies.map((a) => a.agencyId)));
  for (const policy of policies()) await append(policy);
  await appendBoard(append, random, cadres, agencies.map((a) => a.agencyId), communes);
  return { communes, agencies: agencies.map((a) => a.agencyId), cadres };
}

function cadreStream(random: Random, c: Province['cadres'][number], i: number, agencies: readonly string[]): StreamBatch {
  const position = POSITIONS[i % 7 < 4 ? i % 2 : 2 + (i % 3)]!;
  const events: StreamBatch['events'] = [{
    type: 'CadreRegistered', on: BASELINE,
    data: {
      cadreId: c.cadreId, fullName: commitment(`name-${i}`), dateOfBirth: commitment(`dob-${i}`), position, agencyId: c.agencyId,
      level: 'province', expertise: ['Nông nghiệp'], inSuccessionPlan: i % 5 === 0,
    },
  }];
  // A few careers move: a promotion, a transfer between bodies (the posting is read on a date).
  if (random.chance(0.05)) events.push({ type: 'CadrePositionChanged', on: '2023-04-01', data: { cadreId: c.cadreId, position: 'Trưởng phòng', inSuccessionPlan: true, effectiveDate: '2023-04-01', decisionRef: '412-QĐ/UBND' } });
  if (random.chance(0.05)) {
    const to = agencies[(agencies.indexOf(c.agencyId) + 1) % agencies.length]!;
    events.push({ type: 'CadreTransferred', on: '2024-02-01', data: { cadreId: c.cadreId, fromAgencyId: c.agencyId, toAgencyId: to, position, level: 'province', effectiveDate: '2024-02-01', decisionRef: '57-QĐ/TU' } });
  }
  return { streamId: `cadre-${c.cadreId}`, events };
}

function policies(): StreamBatch[] {
  const appliesTo = (positions: string[]) => ({ levels: ['province'], positions });
  const issued = (id: string, reference: string, title: string, on: string, rule: object, positions: string[]) => ({
    streamId: `policy-${uuidFrom(id)}`,
    events: [{ type: 'QuotaPolicyIssued', on, data: {
      policyId: uuidFrom(id), reference, title, issuingUnitCode: PROVINCE, issuedOn: on, scopeUnitCodes: [PROVINCE], effectiveFrom: on,
      terms: { appliesTo: appliesTo(positions), rule, reportDeadlineDays: 7, oneCadreOneCommune: false, oneFollowerPerCommune: false },
    } }],
  });
  return [
    issued('policy-days', 'Bench 01-QĐ/TU', 'Cán bộ tỉnh đi cơ sở ít nhất 24 ngày/năm (số liệu của benchmark)', '2019-06-01', { kind: 'days-per-year', days: 24 }, []),
    issued('policy-share', 'Bench 02-QĐ/TU', 'Chuyên viên dành 1/3 thời gian làm việc đi cơ sở (số liệu của benchmark)', '2020-02-01', { kind: 'share-of-working-days', share: 0.3333 }, ['Chuyên viên', 'Chuyên viên chính']),
  ];
}

/**
 * The provincial committee's board: every cadre follows a commune in the 2020–2025 term, a few are
 * rotated in 2023, every body supports a few communes (nông thôn mới), the term ends on
 * 19/10/2025 and the 2025–2030 term assigns them again (a tenth to another commune).
 */
async function appendBoard(append: Append, random: Random, cadres: Province['cadres'], agencies: readonly string[], communes: readonly string[]): Promise<void> {
  const events: StreamBatch['events'] = [];
  const assign = (i: number, c: Province['cadres'][number], t: Term, unitCode: string) => {
    const assignmentId = uuidFrom(`assignment-${t.term}-${i}`);
    events.push({ type: 'CadreAssigned', on: t.decided, data: {
      assignmentId, committeeUnitCode: PROVINCE, cadreId: c.cadreId, unitCode, kind: 'follow', decisionRef: t.decision, decisionDate: t.decided,
      effectiveFrom: t.from, ...(t.until ? { effectiveUntil: t.until } : {}), congressTerm: t.term,
    } });
    return assignmentId;
  };
  const term1 = cadres.map((c, i) => assign(i, c, TERM_1, c.follows.term1));
  for (const [i, a] of agencies.entries()) {
    for (let k = 0; k < 5; k++) {
      events.push({ type: 'AgencyAssignedToSupportUnit', on: TERM_1.decided, data: {
        assignmentId: uuidFrom(`support-${i}-${k}`), committeeUnitCode: PROVINCE, agencyId: a, unitCode: communes[(i * 5 + k) % communes.length]!,
        programme: 'Xây dựng nông thôn mới', decisionRef: TERM_1.decision, decisionDate: TERM_1.decided, effectiveFrom: TERM_1.from,
      } });
    }
  }
  for (const [i, c] of cadres.entries()) {
    if (!random.chance(0.03)) continue;
    const assignmentId = uuidFrom(`rotation-${i}`);
    events.push({ type: 'CadreRotated', on: '2023-03-01', data: {
      committeeUnitCode: PROVINCE, cadreId: c.cadreId, endedAssignmentId: term1[i]!, assignmentId, unitCode: random.pick(communes), kind: 'follow',
      decisionRef: '301-QĐ/TU', decisionDate: '2023-02-20', effectiveDate: '2023-03-01', effectiveUntil: TERM_1.until, congressTerm: TERM_1.term,
      reason: 'Luân chuyển theo yêu cầu công tác',
    } });
  }
  cadres.forEach((c, i) => assign(i, c, TERM_2, c.follows.term2));
  for (let from = 0; from < events.length; from += 1000) await append({ streamId: `board-${PROVINCE}`, events: events.slice(from, from + 1000) });
}
