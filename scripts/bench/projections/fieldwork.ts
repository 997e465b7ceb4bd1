import { FINDINGS, PURPOSES, RECOMMENDATIONS } from '../../../src/demo/texts.js';
import type { Random } from '../../../src/demo/random.js';
import { addDays, toEpochDay } from '../../../src/domain/time.js';
import { PROVINCE, type Province } from './province.js';
import { uuidFrom, type PlannedEvent, type StreamBatch } from './streamBatch.js';

const KINDS = ['working-session', 'field-work', 'dialogue-with-residents', 'conference', 'party-cell-meeting', 'committee-meeting'] as const;

/** Events per visit on average with the rates below (logged, confirmed, report, amendments, recommendations). */
export const EVENTS_PER_VISIT = 3.83;

type Cadre = Province['cadres'][number];

/**
 * One cadre's year of trips (`fieldwork-<cadre>-<year>`) and the recommendation streams its
 * reports raise. Trips do not overlap and stay before `today`; about nine in ten are confirmed by
 * the commune, a few disputed (half of those resolved) or cancelled; most reports are filed within
 * five days, some 12–45 days late, some never; one report in three raises a recommendation, which
 * is forwarded, answered and closed at the pace of a real agency, or left open.
 */
export function cadreYear(random: Random, province: Province, cadre: Cadre, year: number, visits: number, today: string): { fieldwork: StreamBatch; recommendations: StreamBatch[] } {
  const events: PlannedEvent[] = [];
  const recommendations: StreamBatch[] = [];
  const follows = year < 2025 || (year === 2025 && today < '2025-10-20') ? cadre.follows.term1 : cadre.follows.term2;
  const first = toEpochDay(`${year}-01-02`);
  const last = Math.min(toEpochDay(`${year}-12-28`), toEpochDay(today) - 3);
  const slot = Math.floor((last - first) / Math.max(1, visits));
  for (let v = 0; v < visits && slot >= 4; v++) {
    const start = addDays(`${year}-01-02`, v * slot + random.int(0, slot - 4));
    const end = addDays(start, random.pick([0, 0, 0, 1, 1, 2]));
    if (end >= today) break;
    const visitId = uuidFrom(`visit-${cadre.cadreId}-${year}-${v}`);
    const unitCode = random.chance(0.85) ? follows : random.pick(province.communes);
    const activities = Array.from({ length: random.int(1, 3) }, () => ({ kind: random.pick(KINDS), date: random.chance(0.5) ? start : end }));
    events.push({ type: 'VisitLogged', on: end, data: {
      visitId, cadreId: cadre.cadreId, unitCode, startDate: start, endDate: end, purposes: [random.pick(PURPOSES)], activities,
    } });
    const answered = addDays(end, random.int(1, 7));
    const outcome = random.next();
    if (outcome < 0.02) {
      events.push({ type: 'VisitCancelled', on: end, data: { visitId, reason: 'Chuyến đi bị hủy do lịch công tác đột xuất' } });
      continue;
    }
    if (answered < today) {
      if (outcome < 0.05) {
        events.push({ type: 'VisitDisputed', on: answered, data: { visitId, byUnitCode: unitCode, reason: 'Xã không ghi nhận buổi làm việc' } });
        if (random.chance(0.5)) events.push({ type: 'VisitDisputeResolved', on: answered, data: { visitId, byUnitCode: unitCode, reason: 'Đã đối chiếu sổ tiếp khách' } });
      } else if (outcome < 0.95) {
        events.push({ type: 'VisitConfirmed', on: answered, data: { visitId, byUnitCode: unitCode } });
      }
    }
    const late = random.next();
    const filed = addDays(end, late < 0.88 ? random.int(0, 5) : random.int(12, 45));
    if (late > 0.95 || filed >= today) continue;
    const reportId = uuidFrom(`report-${visitId}`);
    const raised = random.chance(1 / 3) ? [{ recommendationId: uuidFrom(`recommendation-${visitId}`), text: random.pick(RECOMMENDATIONS).text }] : [];
    events.push({ type: 'ReportFiled', on: filed, data: {
      reportId, visitId, cadreId: cadre.cadreId, summary: 'Báo cáo kết quả chuyến công tác cơ sở', findings: [random.pick(FINDINGS), random.pick(FINDINGS)], recommendations: raised,
    } });
    if (random.chance(0.04)) events.push({ type: 'ReportAmended', on: filed, data: { reportId, reason: 'Bổ sung số liệu', summary: 'Báo cáo kết quả chuyến công tác cơ sở (bổ sung)' } });
    for (const r of raised) recommendations.push(recommendation(random, province, { ...r, reportId, visitId, cadreId: cadre.cadreId, unitCode }, filed, today));
  }
  return { fieldwork: { streamId: `fieldwork-${cadre.cadreId}-${year}`, events }, recommendations };
}

function recommendation(random: Random, province: Province, r: { recommendationId: string; text: string; reportId: string; visitId: string; cadreId: string; unitCode: string }, on: string, today: string): StreamBatch {
  const events: PlannedEvent[] = [{ type: 'RecommendationRaised', on, data: r }];
  const forwarded = addDays(on, random.int(1, 10));
  if (forwarded < today && random.chance(0.85)) {
    const agencyId = random.pick(province.agencies);
    events.push({ type: 'RecommendationForwarded', on: forwarded, data: { recommendationId: r.recommendationId, agencyId, dueDate: addDays(forwarded, 30) } });
    const answered = addDays(forwarded, random.int(5, 50));
    if (answered < today && random.chance(0.75)) {
      events.push({ type: 'RecommendationAnswered', on: answered, data: { recommendationId: r.recommendationId, agencyId, answer: 'Sở đã tiếp thu và bố trí kinh phí trong kế hoạch năm sau.' } });
      const closed = addDays(answered, random.int(1, 20));
      if (closed < today && random.chance(0.7)) {
        events.push({ type: 'RecommendationClosed', on: closed, data: { recommendationId: r.recommendationId, outcome: random.pick(['resolved', 'resolved', 'declined']) } });
      }
    }
  }
  return { streamId: `recommendation-${r.recommendationId}`, events };
}

/**
 * December's evaluations of a year: each commune's committee rates the cadres who followed it
 * (`evaluations-<commune>-<year>`), the province rates its communes (`evaluations-40-<year>`).
 */
export function evaluationsOf(random: Random, province: Province, year: number): StreamBatch[] {
  const ratings = ['excellent', 'good', 'good', 'good', 'completed', 'completed', 'not-completed'] as const;
  const on = `${year}-12-20`;
  const byCommune = new Map<string, Cadre[]>();
  for (const c of province.cadres) {
    const commune = year < 2025 ? c.follows.term1 : c.follows.term2;
    byCommune.set(commune, [...(byCommune.get(commune) ?? []), c]);
  }
  const batches: StreamBatch[] = [...byCommune.entries()].map(([commune, cadres]) => ({
    streamId: `evaluations-${commune}-${year}`,
    events: cadres.flatMap((c): PlannedEvent[] => {
      const evaluationId = uuidFrom(`evaluation-${commune}-${year}-${c.cadreId}`);
      const evaluated: PlannedEvent = { type: 'CadreEvaluated', on, data: { evaluationId, committeeUnitCode: commune, cadreId: c.cadreId, year, rating: random.pick(ratings), comments: 'Hoàn thành nhiệm vụ theo dõi địa bàn' } };
      return random.chance(0.01) ? [evaluated, { type: 'CadreEvaluationAmended', on, data: { evaluationId, reason: 'Xem xét lại theo ý kiến của cấp ủy', rating: 'good' } }] : [evaluated];
    }),
  }));
  batches.push({
    streamId: `evaluations-${PROVINCE}-${year}`,
    events: province.communes.map((unitCode) => ({ type: 'UnitRated', on, data: { committeeUnitCode: PROVINCE, unitCode, year, rating: random.pick(ratings) } })),
  });
  return batches;
}
