import type { PlanEntry } from '#events/plans.js';
import type { PlanEvent } from '#events/registry.js';
import { definedOnly } from '../data.js';
import { fail, requireActiveCadre, requireActiveUnit, requireOrdered } from '../rules.js';
import type { ApprovePlan, DraftPlan, PlanCommand, PlanContexts, RejectPlan, SubmitPlan } from './commands.js';
import type { DraftedPlan, PlanState } from './state.js';

export function decide<C extends PlanCommand>(command: C, state: PlanState, context: PlanContexts[C['type']]): PlanEvent[] {
  const cmd: PlanCommand = command;
  // The signature ties `context` to the command's type; each cast restates that for the branch.
  switch (cmd.type) {
    case 'DraftPlan': return draftPlan(cmd, state, context as PlanContexts['DraftPlan']);
    case 'SubmitPlan': return submitPlan(cmd, state);
    case 'ApprovePlan': return approvePlan(cmd, state);
    case 'RejectPlan': return rejectPlan(cmd, state);
    default: {
      const _: never = cmd;
      return _;
    }
  }
}

/** A plan is drafted, and redrafted after a rejection, until it is submitted. */
function draftPlan({ data }: DraftPlan, state: PlanState, context: PlanContexts['DraftPlan']): PlanEvent[] {
  if (state.status !== 'none' && state.planId !== data.planId) fail('PLAN_NOT_FOUND', 'planId');
  if (state.status === 'submitted' || state.status === 'approved') fail('PLAN_NOT_EDITABLE', 'planId');
  data.entries.forEach((entry, index) => requireValidEntry(entry, `entries.${index}`, data, context));
  return [{ type: 'PlanDrafted', data: { ...data } }];
}

function requireValidEntry(entry: PlanEntry, path: string, plan: DraftPlan['data'], { cadres, units }: PlanContexts['DraftPlan']): void {
  requireOrdered(entry.startDate, entry.endDate, `${path}.endDate`);
  if (!entry.startDate.startsWith(plan.month)) fail('PLAN_ENTRY_OUTSIDE_MONTH', `${path}.startDate`);
  if (!entry.endDate.startsWith(plan.month)) fail('PLAN_ENTRY_OUTSIDE_MONTH', `${path}.endDate`);
  const monthStart = `${plan.month}-01`;
  const cadre = requireActiveCadre(cadres.find((fact) => fact.cadreId === entry.cadreId) ?? null, monthStart, `${path}.cadreId`);
  if (cadre.agencyId !== plan.agencyId) fail('CADRE_NOT_IN_AGENCY', `${path}.cadreId`);
  requireActiveUnit(units.find((fact) => fact.code === entry.unitCode) ?? null, monthStart, `${path}.unitCode`);
}

/** Submitted from a draft, or again after a rejection (redrafted or not). */
function submitPlan({ data }: SubmitPlan, state: PlanState): PlanEvent[] {
  const plan = requirePlan(state, data.planId);
  if (plan.status === 'submitted' || plan.status === 'approved') fail('PLAN_ALREADY_SUBMITTED', 'planId');
  return [{ type: 'PlanSubmitted', data: { ...data } }];
}

function approvePlan({ data }: ApprovePlan, state: PlanState): PlanEvent[] {
  requireSubmitted(state, data.planId);
  return [{ type: 'PlanApproved', data: definedOnly({ ...data }) }];
}

function rejectPlan({ data }: RejectPlan, state: PlanState): PlanEvent[] {
  requireSubmitted(state, data.planId);
  return [{ type: 'PlanRejected', data: { ...data } }];
}

function requireSubmitted(state: PlanState, planId: string): void {
  if (requirePlan(state, planId).status !== 'submitted') fail('PLAN_NOT_SUBMITTED', 'planId');
}

function requirePlan(state: PlanState, planId: string): DraftedPlan {
  if (state.status === 'none' || state.planId !== planId) return fail('PLAN_NOT_FOUND', 'planId');
  return state;
}
