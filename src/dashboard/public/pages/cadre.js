import { api, query } from '../api.js';
import { figures, h, table } from '../dom.js';
import { formatDate, formatNumber, t } from '../i18n.js';
import { thisYear } from './common.js';

/** One cadre: this year's attendance, visits and reports, assignments, evaluations. */
export async function render({ me, args }) {
  const cadreId = args[0] ?? me.cadreId;
  if (!cadreId) return h('p', {}, t('none'));
  const year = thisYear();
  const [att, reps, hist, evals] = await Promise.all([
    api(`/v1/dashboard/attendance${query({ year, cadre: cadreId })}`),
    api(`/v1/dashboard/reports${query({ year, limit: 1000 })}`).catch(() => ({ rows: [] })),
    api(`/v1/assignments${query({ cadre: cadreId, limit: 200 })}`),
    api(`/v1/dashboard/evaluations${query({ year })}`).catch(() => ({ cadres: [] })),
  ]);
  const a = att.rows[0];
  return [
    h('h2', {}, `${t('cadre')}: ${a?.cadreName ?? cadreId}`),
    figures([['days', formatNumber(a?.days ?? 0)], ['quota', a?.quota ? formatNumber(a.quota.required) : '—'], ['visits', formatNumber(a?.visits ?? 0)], ['cellMeetings', formatNumber(a?.partyCellMeetings ?? 0)]]),
    h('section', { class: 'card' }, h('h3', {}, t('reports')), table(reps.rows.filter((r) => r.cadreId === cadreId), [
      { key: 'unitCode', label: 'unit' }, { key: 'startDate', label: 'from', format: formatDate }, { key: 'endDate', label: 'to', format: formatDate },
      { key: 'state', label: 'status' }, { key: 'filedOn', label: 'reportsFiled', format: formatDate },
    ])),
    h('section', { class: 'card' }, h('h3', {}, t('history')), table(hist.items, [
      { key: 'unitCode', label: 'unit' }, { key: 'kind', label: 'kind' }, { key: 'validFrom', label: 'validFrom', format: formatDate },
      { key: 'validTo', label: 'validTo', format: formatDate }, { key: 'endReason', label: 'endReason' }, { key: 'decisionRef', label: 'decision' },
    ])),
    h('section', { class: 'card' }, h('h3', {}, t('evaluations')), table((evals.cadres?.rows ?? []).filter((e) => e.cadreId === cadreId), [
      { key: 'year', label: 'year' }, { key: 'committeeUnitCode', label: 'unit' }, { key: 'rating', label: 'rating' },
    ])),
  ];
}
