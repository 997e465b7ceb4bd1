import type { FieldworkEvent } from '#events/registry.js';
import { definedOnly } from '../data.js';
import { fail } from '../rules.js';
import type { AmendReport, FileReport } from './commands.js';
import { requireVisit } from './decideVisit.js';
import type { FieldworkState } from './state.js';

/** One report per visit, filed by the cadre who made it (Lào Cai 19-QĐ/TU, unconfirmed: domain-notes §1). */
export function fileReport({ data, metadata }: FileReport, state: FieldworkState): FieldworkEvent[] {
  const visit = requireVisit(state, data.visitId);
  if (metadata.actor.cadreId !== visit.cadreId) fail('NOT_OWN_VISIT', 'visitId');
  if (visit.status === 'cancelled') fail('VISIT_CANCELLED', 'visitId');
  if (visit.reportId !== null) fail('REPORT_ALREADY_FILED', 'visitId');
  if (state.reports.has(data.reportId)) fail('REPORT_ALREADY_EXISTS', 'reportId');
  const raised = new Set([...state.reports.values()].flatMap((report) => report.recommendations.map((r) => r.recommendationId)));
  data.recommendations.forEach(({ recommendationId }, index) => {
    if (raised.has(recommendationId)) fail('RECOMMENDATION_ID_REPEATED', `recommendations.${index}.recommendationId`);
    raised.add(recommendationId);
  });
  return [{ type: 'ReportFiled', data: { ...data, cadreId: visit.cadreId } }];
}

/** Amendments name the changed fields and why; the original ReportFiled stays. */
export function amendReport({ data, metadata }: AmendReport, state: FieldworkState): FieldworkEvent[] {
  const report = state.reports.get(data.reportId) ?? fail('REPORT_NOT_FOUND', 'reportId');
  if (metadata.actor.cadreId !== report.cadreId) fail('NOT_OWN_VISIT', 'reportId');
  if (data.summary === undefined && data.findings === undefined) fail('AMENDMENT_EMPTY', 'reportId');
  return [{ type: 'ReportAmended', data: definedOnly({ ...data }) }];
}
