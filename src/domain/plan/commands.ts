import type { PlanApproved, PlanDrafted, PlanRejected, PlanSubmitted } from '#events/plans.js';
import type { Command } from '../command.js';
import type { NoContext } from '../decider.js';
import type { CadreFact, UnitFact } from '../facts.js';

export type DraftPlan = Command<'DraftPlan', PlanDrafted>;
export type SubmitPlan = Command<'SubmitPlan', PlanSubmitted>;
export type ApprovePlan = Command<'ApprovePlan', PlanApproved>;
export type RejectPlan = Command<'RejectPlan', PlanRejected>;

export type PlanCommand = DraftPlan | SubmitPlan | ApprovePlan | RejectPlan;

export interface PlanContexts {
  /** Every cadre and unit the entries name, as of the first day of the plan's month. */
  readonly DraftPlan: { readonly cadres: readonly CadreFact[]; readonly units: readonly UnitFact[] };
  readonly SubmitPlan: NoContext;
  readonly ApprovePlan: NoContext;
  readonly RejectPlan: NoContext;
}
