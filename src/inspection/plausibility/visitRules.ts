import type { Rule } from '../Evidence.js';
import { missing, ofType, positions, visitOf } from './select.js';

/** The visit was logged and never withdrawn (a cancelled visit cannot carry a report). */
export const notCancelled: Rule = (subject, events) => {
  const visit = visitOf(subject, events);
  if (!visit) return { ok: false, detail: `no visit ${subject.visitId} was logged`, restsOn: [] };
  const cancelled = ofType(events, 'VisitCancelled').find((e) => e.event.data.visitId === subject.visitId);
  return cancelled
    ? { ok: false, detail: `the visit was cancelled at ${cancelled.recordedAt}: ${cancelled.event.data.reason}`, restsOn: positions(visit, cancelled) }
    : { ok: true, detail: `the visit was logged at ${visit.recordedAt} and not cancelled`, restsOn: positions(visit) };
};

/** Every activity falls within the visit's dates (the domain refuses others; old or forged data may not). */
export const activitiesInside: Rule = (subject, events) => {
  const visit = visitOf(subject, events);
  if (!visit) return missing('the visit');
  const { startDate, endDate, activities } = visit.event.data;
  const outside = activities.filter((a) => a.date < startDate || a.date > endDate);
  return outside.length === 0
    ? { ok: true, detail: `all ${activities.length} activities fall between ${startDate} and ${endDate}`, restsOn: positions(visit) }
    : { ok: false, detail: `activities dated ${outside.map((a) => `${a.date} (${a.kind})`).join(', ')} fall outside the visit ${startDate}–${endDate}`, restsOn: positions(visit) };
};

/**
 * The visited unit's committee confirmed the visit. A dispute is named with its reason; a resolved
 * dispute counts as a confirmation (the resolution says why).
 */
export const confirmed: Rule = (subject, events) => {
  const visit = visitOf(subject, events);
  if (!visit) return missing('the visit');
  const answers = ofType(events, 'VisitConfirmed', 'VisitDisputed', 'VisitDisputeResolved').filter((e) => e.event.data.visitId === subject.visitId);
  const last = answers[answers.length - 1];
  const restsOn = positions(visit, ...answers);
  if (!last) return { ok: false, detail: 'the committee of the visited unit has not confirmed the visit', restsOn };
  const by = last.event.data.byUnitCode;
  switch (last.event.type) {
    case 'VisitConfirmed':
      return { ok: true, detail: `confirmed by the committee of unit ${by} at ${last.recordedAt}`, restsOn };
    case 'VisitDisputeResolved':
      return { ok: true, detail: `disputed, then confirmed by the committee of unit ${by} at ${last.recordedAt}: ${last.event.data.reason}`, restsOn };
    case 'VisitDisputed':
      return { ok: false, detail: `disputed by the committee of unit ${by} at ${last.recordedAt}: ${last.event.data.reason}`, restsOn };
    default: {
      const _: never = last.event;
      return { ok: false, detail: 'unknown answer', restsOn };
    }
  }
};
