import { unitAndAncestors } from '../commands/facts/unitFact.js';
import { authenticity, type InspectionDeps } from './authenticity.js';
import { collectEvidence } from './collectEvidence.js';
import type { InspectionCheck, Verdict } from './InspectionCheck.js';
import { visitOf } from './plausibility/select.js';

export interface InspectionScope {
  /** A province (or any ancestor unit) code: the visited unit must lie beneath it. */
  province?: string;
  /** The year the visit started (the fieldwork stream's year). */
  year?: number;
  /** The visited unit, or a unit above it. */
  unit?: string;
  cadre?: string;
}

export interface InspectionFinding {
  reportId: string;
  visitId: string;
  cadreId: string;
  unitCode: string;
  startDate: string;
  endDate: string;
  verdict: Exclude<Verdict, 'authentic' | 'transcribed'>;
  /** The failed checks, each in plain words. */
  reasons: InspectionCheck[];
}

const PAGE = 1000;
const FIELDWORK = /^fieldwork-([0-9a-f-]{36})-(\d{4})$/;

/**
 * Every questionable or tampered report in scope, for a committee's yearly inspection. Reports are
 * found by their ReportFiled events (filtered by type in the database); the stream name gives the
 * cadre and year, the visit gives the unit.
 */
export async function inspectReports(deps: InspectionDeps, scope: InspectionScope): Promise<InspectionFinding[]> {
  const findings: InspectionFinding[] = [];
  for (const reportId of await reportIds(deps, scope)) {
    const evidence = await collectEvidence(deps.store, { reportId });
    const visit = visitOf(evidence.subject, evidence.events);
    if (!visit) continue;
    const { cadreId, unitCode, startDate, endDate } = visit.event.data;
    const area = scope.province ?? scope.unit;
    if (area !== undefined) {
      const units = await unitAndAncestors(deps.store, unitCode, startDate);
      if ((scope.province && !units.includes(scope.province)) || (scope.unit && !units.includes(scope.unit))) continue;
    }
    const answer = await authenticity(deps, { reportId }, { bundle: false });
    // Transcribed history passed every check; only its timing rests on its source: not a finding.
    if (answer.verdict === 'authentic' || answer.verdict === 'transcribed') continue;
    findings.push({ reportId, visitId: evidence.subject.visitId, cadreId, unitCode, startDate, endDate, verdict: answer.verdict, reasons: answer.checks.filter((c) => !c.ok) });
  }
  return findings;
}

async function reportIds(deps: InspectionDeps, scope: InspectionScope): Promise<string[]> {
  const ids: string[] = [];
  for (let fromPosition = 1n; ; ) {
    const page = await deps.store.readAll({ fromPosition, limit: PAGE, types: ['ReportFiled'] });
    for (const stored of page.events) {
      const match = FIELDWORK.exec(stored.streamId);
      if (!match) continue;
      if (scope.cadre !== undefined && match[1] !== scope.cadre) continue;
      if (scope.year !== undefined && Number(match[2]) !== scope.year) continue;
      const data = stored.data as { reportId?: unknown };
      if (typeof data.reportId === 'string') ids.push(data.reportId);
    }
    if (page.events.length < PAGE) return ids;
    fromPosition = page.nextPosition;
  }
}
