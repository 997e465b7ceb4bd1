import type { PolicyTerms } from '#events/policies.js';
import { policyDecider, termsOn as policyTermsOn } from '../../domain/policy/index.js';
import { addDays } from '../../domain/time.js';
import type { EvidenceEvent, Rule } from '../Evidence.js';
import { judgedAt, missing, ofType, positions, visitOf, vietnamDay, type Cited } from './select.js';

/** The record was made on or after the visit's last day (Vietnam time): a visit is reported after it. */
export const afterVisit: Rule = (subject, events) => {
  const visit = visitOf(subject, events);
  const record = judgedAt(subject, events);
  if (!visit || !record) return missing(!visit ? 'the visit' : 'the report');
  const day = vietnamDay(record.recordedAt);
  const what = record.event.type === 'ReportFiled' ? 'the report was recorded' : 'the visit was logged';
  return day >= visit.event.data.endDate
    ? { ok: true, detail: `${what} on ${day}, after the visit ended on ${visit.event.data.endDate}`, restsOn: positions(visit, record) }
    : { ok: false, detail: `${what} on ${day}, before the visit ended on ${visit.event.data.endDate}`, restsOn: positions(visit, record) };
};

/**
 * The report was recorded within the policy's deadline after the visit ended (policies.ts
 * `reportDeadlineDays`, terms as in force on the visit's last day). The recording time is the
 * store's, not the cadre's claim, so a backdated report shows here.
 */
export const onTime: Rule = (subject, events, params) => {
  const visit = visitOf(subject, events);
  if (!visit) return missing('the visit');
  if (subject.reportId === null) return { ok: true, detail: 'no report filed: nothing to be late', restsOn: positions(visit) };
  const report = judgedAt(subject, events);
  if (!report) return missing('the report');
  const endDate = visit.event.data.endDate;
  const policyEvents = ofType(events, 'QuotaPolicyIssued', 'QuotaPolicyAmended', 'QuotaPolicyRepealed').filter((e) => e.event.data.policyId === params.policyId);
  const terms = termsOn(policyEvents, endDate);
  const restsOn = positions(visit, report, ...policyEvents);
  if (!terms) return { ok: true, detail: 'no policy in force sets a report deadline for this visit', restsOn };
  const due = addDays(endDate, terms.reportDeadlineDays);
  const day = vietnamDay(report.recordedAt);
  const reference = ofType(policyEvents, 'QuotaPolicyIssued')[0]?.event.data.reference ?? params.policyId;
  return day <= due
    ? { ok: true, detail: `recorded on ${day}, within ${terms.reportDeadlineDays} days (due ${due}, ${reference})`, restsOn }
    : { ok: false, detail: `recorded on ${day}, after the deadline of ${terms.reportDeadlineDays} days (due ${due}, ${reference})`, restsOn };
};

/** The policy's terms in force on a date, by the policy stream's own evolve (domain/policy). */
function termsOn(events: readonly Cited<'QuotaPolicyIssued' | 'QuotaPolicyAmended' | 'QuotaPolicyRepealed'>[], date: string): PolicyTerms | null {
  if (events.length === 0) return null;
  const state = [...events].sort(byPosition).reduce((s, e) => policyDecider.evolve(s, e.event), policyDecider.initialState());
  return policyTermsOn(state, date);
}

const byPosition = (a: EvidenceEvent, b: EvidenceEvent): number => (BigInt(a.position) < BigInt(b.position) ? -1 : 1);
