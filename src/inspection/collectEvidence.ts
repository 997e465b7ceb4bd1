import { boardStream, fieldworkStream, policyStream } from '#events/streams.js';
import { loadPolicyFact } from '../commands/facts/policyFact.js';
import { loadCadreFact } from '../commands/facts/streamFacts.js';
import { loadUnitFact } from '../commands/facts/unitFact.js';
import { findReportStream, findVisitStream } from '../commands/fieldwork/findFieldwork.js';
import { DomainError } from '../domain/errors.js';
import { yearOf } from '../domain/time.js';
import type { EventStore } from '../store/EventStore.js';
import type { EvidenceEvent, RuleParams, Subject } from './Evidence.js';
import { ofType } from './plausibility/select.js';
import { toEvidence } from './toEvidence.js';

export interface Evidence {
  subject: Subject;
  /** The fieldwork stream holding the visit and its report. */
  streamId: string;
  /** The events of the visit and of its report: the ones integrity and provenance judge. */
  own: EvidenceEvent[];
  /** Everything the plausibility rules may cite: own events, other visits, boards, the policy. */
  events: EvidenceEvent[];
  params: RuleParams;
}

export type Target = { reportId: string } | { visitId: string };

/**
 * Gathers the events an inspection rests on. Boards are found without a read model: a cadre is
 * assigned to a unit by the committee of the unit or of one of its ancestors (`board-<code>`), so
 * those boards are read; other visits come from the cadre's fieldwork streams of the visit's year
 * and the years around it (a trip may span New Year).
 */
export async function collectEvidence(store: EventStore, target: Target): Promise<Evidence> {
  const streamId = 'reportId' in target ? await findReportStream(store, target.reportId) : await findVisitStream(store, target.visitId);
  const stream = (await store.readStream(streamId)).map(toEvidence);
  const subject = subjectOf(target, stream);
  const own = stream.filter((e) => 'visitId' in e.event.data ? e.event.data.visitId === subject.visitId : 'reportId' in e.event.data && e.event.data.reportId === subject.reportId);
  const visit = ofType(stream, 'VisitLogged').find((e) => e.event.data.visitId === subject.visitId);
  if (!visit) return { subject, streamId, own, events: stream, params: {} };
  const { cadreId, unitCode, startDate, endDate } = visit.event.data;
  const unit = await loadUnitFact(store, unitCode, startDate);
  const scope = [unitCode, ...(unit?.ancestors.map((a) => a.code) ?? [])];
  const commune = unit?.ancestors.find((a) => a.level === 'commune')?.code;
  const year = yearOf(startDate);
  const otherYears = await Promise.all([year - 1, year + 1].map((y) => store.readStream(fieldworkStream(cadreId, y))));
  const boards = await Promise.all(scope.map((code) => store.readStream(boardStream(code))));
  const cadre = await loadCadreFact(store, cadreId, endDate);
  const policy = cadre === null ? null : await loadPolicyFact(store, { committeeScope: scope, date: endDate, cadre });
  const policyEvents = policy === null ? [] : await store.readStream(policyStream(policy.policyId));
  const events = [
    ...stream,
    ...otherYears.flat().map(toEvidence),
    ...cadreAssignments(boards.flat().map(toEvidence), cadreId),
    ...policyEvents.map(toEvidence),
  ];
  return { subject, streamId, own, events, params: { ...(commune ? { unitCodes: [commune] } : {}), policyId: policy?.policyId ?? null } };
}

function subjectOf(target: Target, stream: readonly EvidenceEvent[]): Subject {
  const reports = ofType(stream, 'ReportFiled');
  if ('reportId' in target) {
    const report = reports.find((e) => e.event.data.reportId === target.reportId);
    if (!report) throw new DomainError('REPORT_NOT_FOUND', undefined, 'reportId');
    return { visitId: report.event.data.visitId, reportId: target.reportId };
  }
  return { visitId: target.visitId, reportId: reports.find((e) => e.event.data.visitId === target.visitId)?.event.data.reportId ?? null };
}

/** The board events about one cadre: their assignments and rotations, and the ends of those. */
function cadreAssignments(events: readonly EvidenceEvent[], cadreId: string): EvidenceEvent[] {
  const mine = ofType(events, 'CadreAssigned', 'CadreRotated').filter((e) => e.event.data.cadreId === cadreId);
  const ids = new Set(mine.map((e) => e.event.data.assignmentId));
  const ends = ofType(events, 'AssignmentEnded').filter((e) => ids.has(e.event.data.assignmentId));
  return [...mine, ...ends];
}
