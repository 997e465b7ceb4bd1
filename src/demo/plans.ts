import { approvePlan } from '../commands/plan/approvePlan.js';
import { draftPlan } from '../commands/plan/draftPlan.js';
import { rejectPlan } from '../commands/plan/rejectPlan.js';
import { submitPlan } from '../commands/plan/submitPlan.js';
import { addDays } from '../domain/time.js';
import { actors, agencyOf, envAt, type DemoWorld } from './DemoWorld.js';
import type { VisitSpec } from './visitPlan.js';

/**
 * Nghệ An: trips are planned monthly, "phù hợp với chương trình công tác hằng tháng của Tỉnh ủy"
 * (domain-notes §4). For each agency and month of 2026, the trips of its cadres in Nghệ An that
 * fit in the month become the agency's plan, drafted, submitted and approved before the month; the
 * first one is rejected once and redrafted. Returns the plan id of each planned trip.
 */
export async function planNgheAn(world: DemoWorld, visits: readonly VisitSpec[]): Promise<Map<VisitSpec, string>> {
  const groups = new Map<string, VisitSpec[]>();
  for (const visit of visits) {
    const month = visit.startDate.slice(0, 7);
    if (visit.cadre.provinceCode !== '40' || !month.startsWith('2026') || visit.endDate.slice(0, 7) !== month) continue;
    const key = `${agencyOf(visit.cadre, `${month}-01`)}|${month}`;
    groups.set(key, [...(groups.get(key) ?? []), visit]);
  }
  const planned = new Map<VisitSpec, string>();
  let rejectedOnce = false;
  for (const [key, group] of groups) {
    const [agencyId = '', month = ''] = key.split('|');
    const before = addDays(`${month}-01`, -6);
    const organizer = actors.organizer('40');
    const entries = group.map((v) => ({ cadreId: v.cadre.cadreId, unitCode: v.unitCode, startDate: v.startDate, endDate: v.endDate, purpose: 'Đi cơ sở theo chương trình công tác tháng' }));
    const agencyActor = actors.agency(agencyId);
    const { id: planId } = await draftPlan(envAt(world, agencyActor, before, 9), { agencyId, month, entries });
    await submitPlan(envAt(world, agencyActor, before, 10), planId, {});
    world.tick();
    if (!rejectedOnce) {
      rejectedOnce = true;
      await rejectPlan(envAt(world, organizer, before, 14), planId, { reason: 'Đề nghị bố trí thêm ngày về các xã vùng khó khăn' });
      await draftPlan(envAt(world, agencyActor, addDays(before, 1), 9), { agencyId, month, entries });
      await submitPlan(envAt(world, agencyActor, addDays(before, 1), 10), planId, {});
      world.tick();
    }
    await approvePlan(envAt(world, organizer, addDays(before, 2), 15), planId, { note: 'Đồng ý kế hoạch' });
    world.tick();
    group.forEach((visit) => planned.set(visit, planId));
  }
  return planned;
}
