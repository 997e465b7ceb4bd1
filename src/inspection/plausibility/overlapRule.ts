import { periodsOverlap } from '../../domain/time.js';
import type { Rule } from '../Evidence.js';
import { missing, ofType, positions, visitOf } from './select.js';

/**
 * A cadre is in one place at a time. The domain refuses overlaps when it logs a visit, but two
 * visits logged concurrently in the streams of two years (around New Year) both pass that check,
 * and imported or forged events skip it: so the inspection looks again.
 */
export const noOverlap: Rule = (subject, events) => {
  const visit = visitOf(subject, events);
  if (!visit) return missing('the visit');
  const { cadreId, startDate, endDate } = visit.event.data;
  const cancelled = new Set(ofType(events, 'VisitCancelled').map((e) => e.event.data.visitId));
  const others = ofType(events, 'VisitLogged').filter(
    (e) =>
      e.event.data.visitId !== subject.visitId &&
      e.event.data.cadreId === cadreId &&
      !cancelled.has(e.event.data.visitId) &&
      periodsOverlap({ start: startDate, end: endDate }, { start: e.event.data.startDate, end: e.event.data.endDate }),
  );
  if (others.length === 0) return { ok: true, detail: `no other visit of the cadre between ${startDate} and ${endDate}`, restsOn: positions(visit) };
  const named = others.map((e) => `visit ${e.event.data.visitId} to unit ${e.event.data.unitCode} (${e.event.data.startDate}–${e.event.data.endDate})`);
  return { ok: false, detail: `overlaps ${named.join('; ')}`, restsOn: positions(visit, ...others) };
};
