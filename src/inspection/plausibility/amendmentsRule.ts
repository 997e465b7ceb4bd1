import type { Rule } from '../Evidence.js';
import { ofType, positions } from './select.js';

/**
 * Every amendment, with its reason and time. Amending is allowed (the original stays in the
 * stream), so this never fails; it tells the inspector what changed after filing.
 */
export const amendments: Rule = (subject, events) => {
  const found = ofType(events, 'ReportAmended').filter((e) => e.event.data.reportId === subject.reportId);
  if (subject.reportId === null || found.length === 0) return { ok: true, detail: 'never amended', restsOn: [] };
  const listed = found.map((e, i) => {
    const fields = [e.event.data.summary !== undefined ? 'summary' : null, e.event.data.findings !== undefined ? 'findings' : null].filter(Boolean);
    return `${i + 1}) ${e.recordedAt}, ${fields.join(' and ')}: ${e.event.data.reason}`;
  });
  return { ok: true, detail: `amended ${found.length} time${found.length === 1 ? '' : 's'}: ${listed.join('; ')}`, restsOn: positions(...found) };
};
