import type { PolicyTerms } from '#events/policies.js';
import { policyDecider, termsOn as policyTermsOn } from '../../domain/policy/index.js';
import { addDays } from '../../domain/time.js';
import type { EvidenceEvent, Rule } from '../Evidence.js';
import { judgedAt, missing, ofType, positions, visitOf, vietnamDay, type Cited } from './select.js';

/**
 * The record was made on or after the visit's last day (Vietnam time): a visit is reported after it.
 * A transcribed report is judged by the filing time it claims, and says the ledger cannot attest it;
 * a transcribed visit without a report claims no logging time at all.
 */
export const afterVisit: Rule = (subject, events) => {
  const visit = visitOf(subject, events);
  const record = judgedAt(subject, events);
  if (!visit || !record) return missing(!visit ? 'the visit' : 'the report');
  const restsOn = positions(visit, record);
  const endDate = visit.event.data.endDate;
  const source = record.event.data.transcribedFrom;
  if (source !== undefined && record.event.type === 'VisitLogged') {
    return { ok: true, detail: `the visit was transcribed from "${source}" on ${vietnamDay(record.recordedAt)}: when it was first logged is not known to the ledger`, restsOn, unattested: true };
  }
  if (source !== undefined) {
    const claimed = vietnamDay(record.occurredAt);
    const ok = claimed >= endDate;
    return { ok, detail: `the report was transcribed from "${source}", which dates its filing ${claimed}, ${ok ? 'after' : 'before'} the visit ended on ${endDate} (the ledger recorded it on ${vietnamDay(record.recordedAt)})`, restsOn, unattested: true };
  }
  const day = vietnamDay(record.recordedAt);
  const what = record.event.type === 'ReportFiled' ? 'the report was recorded' : 'the visit was logged';
  return day >= endDate
    ? { ok: true, detail: `${what} on ${day}, after the visit ended on ${endDate}`, restsOn }
    : { ok: false, detail: `${what} on ${day}, before the visit ended on ${endDate}`, restsOn };
};

/**
 * The report was recorded within the policy's deadline after the visit ended (policies.ts
 * `reportDeadlineDays`, terms as in force on the visit's last day). The recording time is the
 * store's, not the cadre's claim, so a backdated report shows here. A transcribed report (imported
 * history) has no such recording time: its claimed filing day is judged, marked unattested.
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
  const reference = ofType(policyEvents, 'QuotaPolicyIssued')[0]?.event.data.reference ?? params.policyId;
  const source = report.event.data.transcribedFrom;
  if (source !== undefined && report.event.type === 'ReportFiled') {
    // Recorded long after by an import: the recording day says nothing of the filing; the source's
    // filing day is judged, and the answer says it rests on the source.
    const claimed = vietnamDay(report.occurredAt);
    const ok = claimed <= due;
    const within = ok ? `within ${terms.reportDeadlineDays} days` : `after the deadline of ${terms.reportDeadlineDays} days`;
    return { ok, detail: `transcribed from "${source}", which dates its filing ${claimed}, ${within} (due ${due}, ${reference}); the ledger recorded it on ${vietnamDay(report.recordedAt)} and cannot attest the filing date`, restsOn, unattested: true };
  }
  const day = vietnamDay(report.recordedAt);
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
