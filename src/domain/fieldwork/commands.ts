import type { ReportAmended, ReportFiled, VisitLogged } from '#events/fieldwork.js';
import type { Command } from '../command.js';
import type { NoContext } from '../decider.js';
import type { CadreFact, PlanFact, UnitFact, VisitPeriodFact } from '../facts.js';

/** Logged by the cadre who made the visit (metadata.actor.cadreId). */
export type LogVisit = Command<'LogVisit', VisitLogged>;
/** The acting committee is metadata.actor.unitCode. */
export type ConfirmVisit = Command<'ConfirmVisit', { visitId: string }>;
export type DisputeVisit = Command<'DisputeVisit', { visitId: string; reason: string }>;
/** Confirms a disputed visit; the reason is what the dispute rule demands. */
export type ResolveVisitDispute = Command<'ResolveVisitDispute', { visitId: string; reason: string }>;
export type CancelVisit = Command<'CancelVisit', { visitId: string; reason: string }>;
/** The cadre comes from the visit; the actor must be that cadre. */
export type FileReport = Command<'FileReport', Omit<ReportFiled, 'cadreId'>>;
export type AmendReport = Command<'AmendReport', ReportAmended>;

export type FieldworkCommand = LogVisit | ConfirmVisit | DisputeVisit | ResolveVisitDispute | CancelVisit | FileReport | AmendReport;

/** The visited unit as of the visit's start date: its commune's committee may act for a hamlet. */
export interface CommitteeContext {
  readonly visitedUnit: UnitFact | null;
}

export interface FieldworkContexts {
  /**
   * `unit` and `cadre` as of `startDate`. `otherYearVisits`: the cadre's visits (not cancelled) in
   * the fieldwork streams of the years before and after, which a visit near New Year can overlap.
   * `plan`: the plan `planId` names, null when there is none or no such plan.
   */
  readonly LogVisit: {
    readonly unit: UnitFact | null;
    readonly cadre: CadreFact | null;
    readonly otherYearVisits: readonly VisitPeriodFact[];
    readonly plan: PlanFact | null;
  };
  readonly ConfirmVisit: CommitteeContext;
  readonly DisputeVisit: CommitteeContext;
  readonly ResolveVisitDispute: CommitteeContext;
  readonly CancelVisit: NoContext;
  readonly FileReport: NoContext;
  readonly AmendReport: NoContext;
}
