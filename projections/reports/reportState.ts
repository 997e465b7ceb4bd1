import type { IsoDate } from '#events/common.js';
import { reportDueDate } from '#src/domain/policy/queries.js';
import type { Context } from '../attendance/contextQueries.js';
import { policyOnDate } from '../attendance/quota.js';
import type { VisitRow } from '../attendance/visits.js';

/**
 * on-time / late: filed by / after the due date (visit end + the policy's reportDeadlineDays,
 * domain policy/queries.reportDueDate); filed: filed, no policy gives a deadline; missing: not
 * filed and the due date has passed; pending: not filed, not yet due (or no deadline known).
 */
export type ReportState = 'on-time' | 'late' | 'filed' | 'missing' | 'pending';

/** The visit's report deadline: its last day plus the binding policy's reportDeadlineDays, if any. */
export function dueDateOf(ctx: Context, visit: Pick<VisitRow, 'cadreId' | 'endDate' | 'unitCode'>, policyOn: typeof policyOnDate = policyOnDate): IsoDate | null {
  const policy = policyOn(ctx, visit.cadreId, visit.endDate, visit.unitCode);
  return policy === null ? null : reportDueDate(policy.terms, visit.endDate);
}

export function stateOf(filedOn: IsoDate | null, dueDate: IsoDate | null, today: IsoDate): ReportState {
  if (filedOn !== null) return dueDate === null ? 'filed' : filedOn <= dueDate ? 'on-time' : 'late';
  return dueDate !== null && today > dueDate ? 'missing' : 'pending';
}

/** A report counts in the rates once filed or overdue; a pending one is not yet due. */
export const isDue = (state: ReportState): boolean => state !== 'pending';
