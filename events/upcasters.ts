import { z } from 'zod';
import { activityKind, type VisitLogged } from './fieldwork.js';
import { isoDate, text, unitCode, uuid } from './common.js';

/**
 * Old shapes of events and the functions lifting them one version up. Stored events are never
 * rewritten: the store keeps the version they were written with and `upcast` lifts them on read.
 */

/**
 * VisitLogged v1 (one-day visits): a single `date`, activities without their own date. v2 let a
 * trip span several days (a cadre staying two or three days in a mountain commune), so every
 * activity carries its date and the visit a start and an end.
 */
export const VisitLoggedV1 = z.object({
  visitId: uuid,
  cadreId: uuid,
  unitCode,
  date: isoDate,
  purposes: z.array(text(500)).min(1).max(20),
  activities: z.array(z.object({ kind: activityKind, note: text(1000).optional() }).strict()).min(1).max(100),
  planId: uuid.optional(),
}).strict();
export type VisitLoggedV1 = z.infer<typeof VisitLoggedV1>;

export function visitLoggedV1ToV2(data: unknown): VisitLogged {
  const { date, activities, ...rest } = VisitLoggedV1.parse(data);
  return {
    ...rest,
    startDate: date,
    endDate: date,
    activities: activities.map((activity) => ({ ...activity, date })),
  };
}
