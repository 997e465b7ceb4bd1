import type { IsoDate } from '#events/common.js';
import { ReportFiled, type Activity } from '#events/fieldwork.js';
import { amendReport } from '../commands/fieldwork/amendReport.js';
import { cancelVisit } from '../commands/fieldwork/cancelVisit.js';
import { confirmVisit } from '../commands/fieldwork/confirmVisit.js';
import { disputeVisit } from '../commands/fieldwork/disputeVisit.js';
import { fileReport } from '../commands/fieldwork/fileReport.js';
import { logVisit } from '../commands/fieldwork/logVisit.js';
import { resolveVisitDispute } from '../commands/fieldwork/resolveVisitDispute.js';
import { addDays } from '../domain/time.js';
import { actors, envAt, type DemoWorld } from './DemoWorld.js';
import { followRecommendation } from './recommendationFlow.js';
import { ACTIVITY_NOTES, FINDINGS, PURPOSES, RECOMMENDATIONS } from './texts.js';
import type { VisitSpec } from './visitPlan.js';

/**
 * One trip through the handlers, each at its own moment: logged by the cadre the day after, confirmed
 * (or, rarely, disputed) by the commune's committee within a week, reported on time mostly, late
 * sometimes, never for a few; a report may carry a recommendation, which then travels on.
 */
export async function recordVisit(world: DemoWorld, spec: VisitSpec, planId?: string): Promise<void> {
  const cadreActor = actors.cadre(spec.cadre.cadreId);
  const loggedOn = atMost(world, addDays(spec.endDate, 1));
  const { id: visitId } = await logVisit(envAt(world, cadreActor, loggedOn, 20), {
    cadreId: spec.cadre.cadreId, unitCode: spec.unitCode, startDate: spec.startDate, endDate: spec.endDate,
    purposes: [world.random.pick(PURPOSES)], activities: activities(world, spec), ...(planId ? { planId } : {}),
  });
  world.tick();
  if (world.random.chance(0.01)) {
    await cancelVisit(envAt(world, cadreActor, loggedOn, 21), visitId, { reason: 'Ghi nhầm ngày, chuyến công tác bị hoãn' });
    world.tick();
    return;
  }
  await committeeAnswer(world, spec, visitId);
  await report(world, spec, visitId);
}

async function committeeAnswer(world: DemoWorld, spec: VisitSpec, visitId: string): Promise<void> {
  const committee = actors.committee(spec.unitCode);
  const on = addDays(spec.endDate, world.random.int(2, 7));
  if (on > world.today) return;
  const roll = world.random.next();
  if (roll < (spec.outside ? 0.3 : 0.03)) {
    await disputeVisit(envAt(world, committee, on, 10), visitId, { reason: 'Xã không ghi nhận đồng chí về làm việc tại xã trong những ngày này' });
    world.tick();
    const resolvedOn = addDays(on, 12);
    if (world.random.chance(0.4) && resolvedOn <= world.today) {
      await resolveVisitDispute(envAt(world, committee, resolvedOn, 10), visitId, { reason: 'Đã đối chiếu sổ công tác của xã: đồng chí có về làm việc với các thôn' });
      world.tick();
    }
  } else if (roll < 0.96) {
    // The rest (4 %) the committee never answers: pending confirmation, which inspection reports.
    await confirmVisit(envAt(world, committee, on, 10), visitId, {});
    world.tick();
  }
}

async function report(world: DemoWorld, spec: VisitSpec, visitId: string): Promise<void> {
  const roll = world.random.next();
  if (roll < 0.08) return; // never reported
  // About 6 % late (12–45 days after the trip), the rest within 1–5 days: the deadlines are 7–10 days.
  const delay = roll < 0.14 ? world.random.int(12, 45) : world.random.int(1, 5);
  const filedOn = addDays(spec.endDate, delay);
  if (filedOn > world.today) return;
  const raised = world.random.chance(0.3) ? world.random.pick(RECOMMENDATIONS) : null;
  const env = envAt(world, actors.cadre(spec.cadre.cadreId), filedOn, 16);
  const outcome = await fileReport(env, {
    visitId,
    summary: `Báo cáo kết quả đi cơ sở từ ${vn(spec.startDate)} đến ${vn(spec.endDate)}.`,
    findings: world.random.shuffle(FINDINGS).slice(0, 2).map((f) => ({ topic: f.topic, text: f.text })),
    recommendations: raised ? [{ text: raised.text }] : [],
  });
  world.tick();
  if (world.random.chance(0.02)) {
    await amendReport(envAt(world, actors.cadre(spec.cadre.cadreId), atMost(world, addDays(filedOn, 3)), 9), outcome.id, {
      reason: 'Bổ sung kết quả buổi đối thoại với nhân dân', summary: `Báo cáo kết quả đi cơ sở (bổ sung) từ ${vn(spec.startDate)} đến ${vn(spec.endDate)}.`,
    });
    world.tick();
  }
  // The result's events pair type and data loosely; the schema gives the report back its shape.
  const filed = ReportFiled.safeParse(outcome.result.events.find((event) => event.type === 'ReportFiled')?.data);
  const recommendationId = filed.success ? filed.data.recommendations[0]?.recommendationId : undefined;
  if (raised && recommendationId) await followRecommendation(world, spec, recommendationId, raised.agency, filedOn);
}

function activities(world: DemoWorld, spec: VisitSpec): Activity[] {
  if (spec.kind === 'cell-meetings') return [{ kind: 'party-cell-meeting', date: spec.startDate, note: ACTIVITY_NOTES['party-cell-meeting'] }];
  const list: Activity[] = [{ kind: 'working-session', date: spec.startDate, note: ACTIVITY_NOTES['working-session'] }];
  for (let date = addDays(spec.startDate, 1); date <= spec.endDate; date = addDays(date, 1)) {
    const kind = world.random.pick(['field-work', 'dialogue-with-residents', 'conference', 'party-cell-meeting'] as const);
    list.push({ kind, date, note: ACTIVITY_NOTES[kind] });
  }
  return list;
}

function atMost(world: DemoWorld, date: IsoDate): IsoDate {
  return date > world.today ? world.today : date;
}

/** dd/mm/yyyy, as Vietnamese documents write dates. */
function vn(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
