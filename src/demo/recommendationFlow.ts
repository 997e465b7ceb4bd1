import type { IsoDate } from '#events/common.js';
import { answerRecommendation } from '../commands/recommendation/answerRecommendation.js';
import { closeRecommendation } from '../commands/recommendation/closeRecommendation.js';
import { forwardRecommendation } from '../commands/recommendation/forwardRecommendation.js';
import { reopenRecommendation } from '../commands/recommendation/reopenRecommendation.js';
import { addDays } from '../domain/time.js';
import { agencyByKey } from './agencies.js';
import { actors, envAt, type DemoWorld } from './DemoWorld.js';
import { newProvinceOf } from './geography.js';
import { ANSWERS } from './texts.js';
import type { VisitSpec } from './visitPlan.js';

/**
 * Bến Tre practice (domain-notes §3): the cadre's proposals are forwarded to the competent agency
 * with a due date. Most are answered, some after the due date, some never (overdue); answered ones
 * are often closed, and one closed recommendation is reopened.
 */
export async function followRecommendation(world: DemoWorld, spec: VisitSpec, recommendationId: string, agencyKey: string, filedOn: IsoDate): Promise<void> {
  const forwardedOn = addDays(filedOn, world.random.int(1, 4));
  if (forwardedOn > world.today) return;
  const province = forwardedOn < '2025-07-01' ? spec.cadre.provinceCode : newProvinceOf(spec.cadre.provinceCode);
  const agency = agencyByKey(world, province, agencyKey);
  const dueDate = addDays(forwardedOn, 30);
  await forwardRecommendation(envAt(world, actors.organizer(province), forwardedOn, 14), recommendationId, {
    agencyId: agency.agencyId, dueDate, note: 'Đề nghị cơ quan xem xét, trả lời bằng văn bản',
  });
  world.tick();
  const answeredOn = addDays(forwardedOn, world.random.int(5, 45));
  if (world.random.chance(0.3) || answeredOn > world.today) return; // open, overdue once past the due date
  const agencyActor = actors.agency(agency.agencyId);
  await answerRecommendation(envAt(world, agencyActor, answeredOn, 11), recommendationId, { answer: world.random.pick(ANSWERS) });
  world.tick();
  const closedOn = addDays(answeredOn, 7);
  if (world.random.chance(0.5) || closedOn > world.today) return;
  const organizer = actors.organizer(province);
  await closeRecommendation(envAt(world, organizer, closedOn, 9), recommendationId, { outcome: 'resolved', note: 'Xã xác nhận kiến nghị đã được giải quyết' });
  world.tick();
  const reopenedOn = addDays(closedOn, 20);
  if (world.random.chance(0.05) && reopenedOn <= world.today) {
    await reopenRecommendation(envAt(world, organizer, reopenedOn, 9), recommendationId, { reason: 'Xã phản ánh việc hỗ trợ chưa đến được các hộ' });
    world.tick();
  }
}
