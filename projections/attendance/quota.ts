import type { IsoDate } from '#events/common.js';
import type { PolicyTerms, QuotaRule } from '#events/policies.js';
import { isInEffectOn, periodOf } from '#src/domain/board/queries.js';
import type { Assignment } from '#src/domain/board/state.js';
import { policyFactFor, requiredDays, termsOn } from '#src/domain/policy/queries.js';
import { addDays, toEpochDay, yearPeriod } from '#src/domain/time.js';
import { ancestorsOf, assignmentsOf, chainOn, memoIn, memoOn, newMemo, policiesOf, postingOf, type ChainOf, type Context } from './contextQueries.js';

/**
 * Working days are Monday to Friday. Public holidays (Tết, 30/4, 2/9 …) and compensating days are
 * not deducted: the holiday calendar changes by decree every year and is not in the ledger. This
 * overstates a share-of-working-days quota by about ten days a year at most.
 */
export function isWorkingDay(day: IsoDate): boolean {
  const weekday = (toEpochDay(day) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday >= 1 && weekday <= 5;
}

export interface PolicyInForce {
  readonly policyId: string;
  readonly reference: string;
  readonly terms: PolicyTerms;
}

/**
 * The policy binding an assignment by `committeeUnitCode` of a cadre on `date`: the domain's own
 * rule (policy/queries.policyFactFor: scope covers the committee or an ancestor, applies to the
 * cadre's level and position, the latest to take effect).
 */
export function policyFor(ctx: Context, cadreId: string, committeeUnitCode: string, date: IsoDate, chain: ChainOf = ancestorsOf): PolicyInForce | null {
  const posting = postingOf(ctx, cadreId, date);
  if (posting === null) return null;
  const committeeScope = chain(ctx, committeeUnitCode, date);
  const fact = policyFactFor(policiesOf(ctx), { committeeScope, date, cadre: posting });
  const state = fact === null ? undefined : ctx.policies.get(fact.policyId);
  const terms = state === undefined ? null : termsOn(state, date);
  return fact === null || terms === null ? null : { policyId: fact.policyId, reference: fact.reference, terms };
}

/** The policy for a cadre's assignment in effect on `date` (the visited unit's first), if any. */
export function policyOnDate(ctx: Context, cadreId: string, date: IsoDate, unitCode?: string): PolicyInForce | null {
  const memo = memoOn(ctx, 'policy-on-date', newMemo<PolicyInForce | null>);
  return memoIn(memo, cadreId, `${date}/${unitCode ?? ''}`, () => computePolicyOnDate(ctx, cadreId, date, unitCode));
}

/**
 * policyOnDate without keeping the answer, nor the committee's chain: for a caller whose cadres and
 * dates rarely repeat (a recount of every visit), where keeping each answer cost more than working
 * it out.
 */
export function policyOnDateUnkept(ctx: Context, cadreId: string, date: IsoDate, unitCode?: string): PolicyInForce | null {
  return computePolicyOnDate(ctx, cadreId, date, unitCode, chainOn);
}

function computePolicyOnDate(ctx: Context, cadreId: string, date: IsoDate, unitCode?: string, chain: ChainOf = ancestorsOf): PolicyInForce | null {
  const active = assignmentsOf(ctx, cadreId).filter((a) => isInEffectOn(a, date));
  const chosen = active.find((a) => a.unitCode === unitCode) ?? active[0];
  return chosen === undefined ? null : policyFor(ctx, cadreId, chosen.committeeUnitCode, date, chain);
}

export interface Quota {
  readonly policyId: string;
  readonly reference: string;
  readonly rule: QuotaRule;
  /** Days required for the part of the year the cadre was assigned. */
  readonly required: number;
  /** Calendar days of the year under an assignment (the proration base). */
  readonly assignedDays: number;
  /** The assigned days, in order, to tell how far into the assigned year a date is. */
  readonly assigned: readonly IsoDate[];
}

function assignedDaysIn(assignments: readonly Assignment[], year: number): IsoDate[] {
  const { start, end } = yearPeriod(year);
  const days = new Set<IsoDate>();
  for (const a of assignments) {
    const p = periodOf(a);
    const from = p.start > start ? p.start : start;
    const to = p.end !== null && end !== null && p.end < end ? p.end : (end ?? p.start);
    for (let d = from; d <= to; d = addDays(d, 1)) days.add(d);
  }
  return [...days].sort();
}

/**
 * The quota of a cadre for a year, prorated to the days under assignment: a days-per-year rule
 * (Lào Cai 19-QĐ/TU, 36 days, unconfirmed: domain-notes §1) scales by assigned days / days in the
 * year, rounded up; a share of working days (Nghệ An, one third, unconfirmed: §4) is taken of the
 * working days under assignment (domain policy/queries.requiredDays). The policy is the one binding
 * the first assignment in effect that year, on its first day in the year.
 */
export function quotaFor(ctx: Context, cadreId: string, year: number): Quota | null {
  return memoOn(ctx, `quota/${cadreId}/${year}`, () => computeQuota(ctx, cadreId, year));
}

function computeQuota(ctx: Context, cadreId: string, year: number): Quota | null {
  const assignments = assignmentsOf(ctx, cadreId);
  const assigned = assignedDaysIn(assignments, year);
  const firstDay = assigned[0];
  if (firstDay === undefined) return null;
  const first = assignments.find((a) => isInEffectOn(a, firstDay));
  const policy = first === undefined ? null : policyFor(ctx, cadreId, first.committeeUnitCode, firstDay);
  if (policy === null) return null;
  const { rule } = policy.terms;
  const daysInYear = toEpochDay(`${year + 1}-01-01`) - toEpochDay(`${year}-01-01`);
  const required = rule.kind === 'days-per-year'
    ? Math.ceil((rule.days * assigned.length) / daysInYear)
    : requiredDays(rule, assigned.filter(isWorkingDay).length);
  return { policyId: policy.policyId, reference: policy.reference, rule, required, assignedDays: assigned.length, assigned };
}

export type AttendanceStatus = 'met' | 'on-track' | 'behind' | 'no-quota';

/**
 * Met once the days reach the quota. Otherwise on track while the days keep pace with the share of
 * the assigned days already past (rounded down), behind when they do not or the assignment is over.
 */
export function attendanceStatus(days: number, quota: Quota | null, today: IsoDate): AttendanceStatus {
  if (quota === null) return 'no-quota';
  if (days >= quota.required) return 'met';
  const elapsed = countUpTo(quota.assigned, today);
  if (elapsed >= quota.assigned.length) return 'behind';
  return days >= Math.floor((quota.required * elapsed) / quota.assigned.length) ? 'on-track' : 'behind';
}

/** How many of the sorted dates are on or before `day` (binary search: asked for every row). */
function countUpTo(sorted: readonly IsoDate[], day: IsoDate): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
