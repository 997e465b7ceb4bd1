import type { IsoDate } from '#events/common.js';
import type { Finding, RaisedRecommendation, ReportFiled, VisitLogged } from '#events/fieldwork.js';
import type { FieldworkEvent } from '#events/registry.js';

export type VisitStatus = 'logged' | 'confirmed' | 'disputed' | 'cancelled';

export interface Visit {
  readonly visitId: string;
  readonly cadreId: string;
  readonly unitCode: string;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly planId: string | null;
  readonly status: VisitStatus;
  readonly disputeReason: string | null;
  readonly reportId: string | null;
}

/** The report as amended so far; the original stays in the stream. */
export interface Report {
  readonly reportId: string;
  readonly visitId: string;
  readonly cadreId: string;
  readonly summary: string;
  readonly findings: readonly Finding[];
  readonly recommendations: readonly RaisedRecommendation[];
  readonly amendments: number;
}

/** One cadre's fieldwork in one year. */
export interface FieldworkState {
  readonly visits: ReadonlyMap<string, Visit>;
  readonly reports: ReadonlyMap<string, Report>;
}

export const initialState = (): FieldworkState => ({ visits: new Map(), reports: new Map() });

export function evolve(state: FieldworkState, event: FieldworkEvent): FieldworkState {
  switch (event.type) {
    case 'VisitLogged':
      return state.visits.has(event.data.visitId) ? state : withVisit(state, logged(event.data));
    case 'VisitConfirmed':
    case 'VisitDisputeResolved':
      return updateVisit(state, event.data.visitId, { status: 'confirmed' });
    case 'VisitDisputed':
      return updateVisit(state, event.data.visitId, { status: 'disputed', disputeReason: event.data.reason });
    case 'VisitCancelled':
      return updateVisit(state, event.data.visitId, { status: 'cancelled' });
    case 'ReportFiled':
      return fileReport(state, event.data);
    case 'ReportAmended': {
      const report = state.reports.get(event.data.reportId);
      if (report === undefined) return state;
      const { summary = report.summary, findings = report.findings } = event.data;
      return withReport(state, { ...report, summary, findings, amendments: report.amendments + 1 });
    }
    default: {
      const _: never = event;
      return state;
    }
  }
}

function logged(data: VisitLogged): Visit {
  const { visitId, cadreId, unitCode, startDate, endDate } = data;
  return { visitId, cadreId, unitCode, startDate, endDate, planId: data.planId ?? null, status: 'logged', disputeReason: null, reportId: null };
}

function fileReport(state: FieldworkState, data: ReportFiled): FieldworkState {
  if (state.reports.has(data.reportId)) return state;
  const withFiled = updateVisit(state, data.visitId, { reportId: data.reportId });
  return withReport(withFiled, { ...data, amendments: 0 });
}

function updateVisit(state: FieldworkState, visitId: string, changes: Partial<Visit>): FieldworkState {
  const visit = state.visits.get(visitId);
  return visit === undefined ? state : withVisit(state, { ...visit, ...changes });
}

function withVisit(state: FieldworkState, visit: Visit): FieldworkState {
  return { ...state, visits: new Map(state.visits).set(visit.visitId, visit) };
}

function withReport(state: FieldworkState, report: Report): FieldworkState {
  return { ...state, reports: new Map(state.reports).set(report.reportId, report) };
}
