import { z } from 'zod';
import { isoDate, reason, text, unitCode, uuid, yearMonth } from './common.js';

/**
 * Monthly plans of going to the grassroots, one stream per agency and month:
 * `plan-<agencyId>-<YYYY-MM>`. Nghệ An: "xây dựng kế hoạch đi công tác cơ sở phù hợp với chương
 * trình công tác hằng tháng" (domain-notes §4).
 */

export const planEntry = z.object({
  cadreId: uuid,
  unitCode,
  startDate: isoDate,
  endDate: isoDate,
  purpose: text(1000),
}).strict();
export type PlanEntry = z.infer<typeof planEntry>;

/** The whole draft; drafting again (also after a rejection) replaces the entries. */
export const PlanDrafted = z.object({
  planId: uuid,
  agencyId: uuid,
  month: yearMonth,
  entries: z.array(planEntry).min(1).max(500),
}).strict();
export type PlanDrafted = z.infer<typeof PlanDrafted>;

export const PlanSubmitted = z.object({ planId: uuid }).strict();
export type PlanSubmitted = z.infer<typeof PlanSubmitted>;

export const PlanApproved = z.object({ planId: uuid, note: text(2000).optional() }).strict();
export type PlanApproved = z.infer<typeof PlanApproved>;

export const PlanRejected = z.object({ planId: uuid, reason }).strict();
export type PlanRejected = z.infer<typeof PlanRejected>;
