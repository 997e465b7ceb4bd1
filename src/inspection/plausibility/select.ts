import type { DomainEvent, EventType } from '#events/registry.js';
import { todayInVietnam } from '../../domain/time.js';
import type { EvidenceEvent, Subject } from '../Evidence.js';

/** Evidence narrowed to one event type, keeping the position and recording time. */
export type Cited<T extends EventType> = EvidenceEvent & { readonly event: DomainEvent<T> };

export function ofType<T extends EventType>(events: readonly EvidenceEvent[], ...types: T[]): Cited<T>[] {
  return events.filter((e): e is Cited<T> => (types as readonly string[]).includes(e.event.type));
}

/** The VisitLogged of the subject's visit. */
export function visitOf(subject: Subject, events: readonly EvidenceEvent[]): Cited<'VisitLogged'> | undefined {
  return ofType(events, 'VisitLogged').find((e) => e.event.data.visitId === subject.visitId);
}

/** The ReportFiled of the subject's report. */
export function reportOf(subject: Subject, events: readonly EvidenceEvent[]): Cited<'ReportFiled'> | undefined {
  return subject.reportId === null ? undefined : ofType(events, 'ReportFiled').find((e) => e.event.data.reportId === subject.reportId);
}

/** The moment the judged record was made: the report's filing, or the visit's logging without a report. */
export function judgedAt(subject: Subject, events: readonly EvidenceEvent[]): Cited<'ReportFiled'> | Cited<'VisitLogged'> | undefined {
  return subject.reportId === null ? visitOf(subject, events) : reportOf(subject, events);
}

/** The calendar day in Vietnam (UTC+7) an instant falls on: deadlines count local days. */
export const vietnamDay = (instant: string): string => todayInVietnam(instant);

export const positions = (...events: ReadonlyArray<EvidenceEvent | undefined>): string[] =>
  events.filter((e): e is EvidenceEvent => e !== undefined).map((e) => e.position);

export const missing = (what: string): { ok: false; detail: string; restsOn: string[] } => ({ ok: false, detail: `${what} is not among the cited events`, restsOn: [] });
