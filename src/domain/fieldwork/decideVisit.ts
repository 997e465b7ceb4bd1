import type { VisitLogged } from '#events/fieldwork.js';
import type { FieldworkEvent } from '#events/registry.js';
import type { CommandMetadata } from '../command.js';
import { definedOnly } from '../data.js';
import type { PlanFact } from '../facts.js';
import { fail, requireActiveCadre, requireActiveUnit, requireNotFuture, requireOrdered } from '../rules.js';
import { periodsOverlap, todayInVietnam } from '../time.js';
import type { CancelVisit, CommitteeContext, ConfirmVisit, DisputeVisit, FieldworkContexts, LogVisit, ResolveVisitDispute } from './commands.js';
import type { FieldworkState, Visit } from './state.js';

export function logVisit({ data, metadata }: LogVisit, state: FieldworkState, context: FieldworkContexts['LogVisit']): FieldworkEvent[] {
  if (metadata.actor.cadreId !== data.cadreId) fail('NOT_OWN_VISIT', 'cadreId');
  if (state.visits.has(data.visitId)) fail('VISIT_ALREADY_EXISTS', 'visitId');
  requireOrdered(data.startDate, data.endDate, 'endDate');
  // Only what happened is logged: a visit is recorded after it, never planned here.
  requireNotFuture(data.endDate, todayInVietnam(metadata.now), 'endDate');
  data.activities.forEach((activity, index) => {
    if (activity.date < data.startDate || activity.date > data.endDate) fail('ACTIVITY_OUTSIDE_VISIT', `activities.${index}.date`);
  });
  requireActiveUnit(context.unit, data.startDate, 'unitCode');
  requireActiveCadre(context.cadre, data.startDate, 'cadreId');
  requireNoOverlap(data, state, context.otherYearVisits);
  if (data.planId !== undefined) requirePlanned(data, context.plan);
  return [{ type: 'VisitLogged', data: definedOnly({ ...data }) }];
}

/** A cadre is in one place at a time: no two of their visits share a day. */
function requireNoOverlap(data: VisitLogged, state: FieldworkState, otherYearVisits: FieldworkContexts['LogVisit']['otherYearVisits']): void {
  const period = { start: data.startDate, end: data.endDate };
  const own = [...state.visits.values()].filter((visit) => visit.status !== 'cancelled');
  const overlaps = [...own, ...otherYearVisits].some((visit) => periodsOverlap(period, { start: visit.startDate, end: visit.endDate }));
  if (overlaps) fail('VISIT_OVERLAPS', 'startDate');
}

function requirePlanned(data: VisitLogged, plan: PlanFact | null): void {
  if (plan === null || plan.planId !== data.planId) return fail('PLAN_NOT_FOUND', 'planId');
  if (plan.status !== 'approved') fail('PLAN_NOT_APPROVED', 'planId');
  if (!plan.entries.some((entry) => entry.cadreId === data.cadreId && entry.unitCode === data.unitCode)) fail('PLAN_ENTRY_NOT_FOUND', 'planId');
}

export function confirmVisit({ data, metadata }: ConfirmVisit, state: FieldworkState, context: CommitteeContext): FieldworkEvent[] {
  const { visit, byUnitCode } = requireCommittee(state, data.visitId, metadata, context);
  if (visit.status === 'disputed') fail('VISIT_DISPUTED', 'visitId');
  requireOpen(visit);
  return [{ type: 'VisitConfirmed', data: { visitId: visit.visitId, byUnitCode } }];
}

export function disputeVisit({ data, metadata }: DisputeVisit, state: FieldworkState, context: CommitteeContext): FieldworkEvent[] {
  const { visit, byUnitCode } = requireCommittee(state, data.visitId, metadata, context);
  if (visit.status === 'disputed') fail('VISIT_ALREADY_DISPUTED', 'visitId');
  requireOpen(visit);
  return [{ type: 'VisitDisputed', data: { visitId: visit.visitId, byUnitCode, reason: data.reason } }];
}

/** The only way from disputed to confirmed is an event that says why. */
export function resolveVisitDispute({ data, metadata }: ResolveVisitDispute, state: FieldworkState, context: CommitteeContext): FieldworkEvent[] {
  const { visit, byUnitCode } = requireCommittee(state, data.visitId, metadata, context);
  if (visit.status !== 'disputed') fail('VISIT_NOT_DISPUTED', 'visitId');
  return [{ type: 'VisitDisputeResolved', data: { visitId: visit.visitId, byUnitCode, reason: data.reason } }];
}

/** The cadre withdraws a visit, also a disputed one; a confirmed or reported visit stands. */
export function cancelVisit({ data, metadata }: CancelVisit, state: FieldworkState): FieldworkEvent[] {
  const visit = requireVisit(state, data.visitId);
  if (metadata.actor.cadreId !== visit.cadreId) fail('NOT_OWN_VISIT', 'visitId');
  requireOpen(visit);
  if (visit.reportId !== null) fail('VISIT_HAS_REPORT', 'visitId');
  return [{ type: 'VisitCancelled', data: { ...data } }];
}

export function requireVisit(state: FieldworkState, visitId: string): Visit {
  return state.visits.get(visitId) ?? fail('VISIT_NOT_FOUND', 'visitId');
}

function requireOpen(visit: Visit): void {
  if (visit.status === 'confirmed') fail('VISIT_ALREADY_CONFIRMED', 'visitId');
  if (visit.status === 'cancelled') fail('VISIT_CANCELLED', 'visitId');
}

/**
 * The visited unit's committee, or for a hamlet or residents' group the committee of the commune
 * it belongs to, speaks for the unit.
 */
function requireCommittee(state: FieldworkState, visitId: string, metadata: CommandMetadata, { visitedUnit }: CommitteeContext) {
  const visit = requireVisit(state, visitId);
  const commune = visitedUnit?.code === visit.unitCode ? visitedUnit.ancestors.find((ancestor) => ancestor.level === 'commune') : undefined;
  const byUnitCode = metadata.actor.unitCode;
  if (byUnitCode === undefined || (byUnitCode !== visit.unitCode && byUnitCode !== commune?.code)) return fail('NOT_UNIT_COMMITTEE', 'visitId');
  return { visit, byUnitCode };
}
