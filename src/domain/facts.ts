import type { CadreLevel, IsoDate, UnitLevel } from '#events/common.js';
import type { AssignmentKind } from '#events/assignments.js';
import type { RaisedRecommendation } from '#events/fieldwork.js';

/**
 * Facts from other streams that a rule needs. The command handler loads them (each stream's
 * `queries.ts` builds them from that stream's state) and passes them in the decide context, so the
 * decision itself stays pure. Facts "as of" a date are checked against the date the rule needs.
 */

export interface UnitFact {
  readonly code: string;
  readonly level: UnitLevel;
  readonly asOf: IsoDate;
  /** Established on or before `asOf` and not ceased by then. */
  readonly active: boolean;
  /** The unit's ancestors on `asOf`, nearest first. */
  readonly ancestors: ReadonlyArray<{ readonly code: string; readonly level: UnitLevel }>;
}

export interface CadreFact {
  readonly cadreId: string;
  readonly asOf: IsoDate;
  /** Registered and not retired on `asOf`. */
  readonly active: boolean;
  readonly agencyId: string;
  readonly level: CadreLevel;
  readonly position: string;
}

export interface AgencyFact {
  readonly agencyId: string;
  readonly unitCode: string;
}

/** The one-to-one terms of the quota policy binding a committee on a date (policy/queries.ts). */
export interface PolicyFact {
  readonly policyId: string;
  readonly reference: string;
  readonly asOf: IsoDate;
  readonly oneCadreOneCommune: boolean;
  readonly oneFollowerPerCommune: boolean;
}

/** One assignment of a cadre to a unit, from any board; `end` is the last day in effect. */
export interface AssignmentPeriodFact {
  readonly assignmentId: string;
  readonly committeeUnitCode: string;
  readonly kind: AssignmentKind;
  readonly start: IsoDate;
  readonly end: IsoDate | null;
}

/** A visit of the same cadre recorded in another year's fieldwork stream (not cancelled). */
export interface VisitPeriodFact {
  readonly visitId: string;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
}

export interface PlanFact {
  readonly planId: string;
  readonly status: 'draft' | 'submitted' | 'approved' | 'rejected';
  readonly entries: ReadonlyArray<{ readonly cadreId: string; readonly unitCode: string }>;
}

/** A filed report, as the fieldwork stream holds it (fieldwork/queries.ts reportFact). */
export interface ReportFact {
  readonly reportId: string;
  readonly visitId: string;
  readonly cadreId: string;
  readonly unitCode: string;
  readonly recommendations: readonly RaisedRecommendation[];
}

/** A handler that loaded a fact for the wrong date has a bug; that is not the user's error. */
export function assertAsOf(fact: { readonly asOf: IsoDate } | null, date: IsoDate, what: string): void {
  if (fact !== null && fact.asOf !== date) {
    throw new Error(`context.${what} is as of ${fact.asOf}, the rule needs ${date}`);
  }
}
