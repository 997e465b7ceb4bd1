import { api, query } from '../api.js';
import { chart, h, table } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { field, filterForm, pct, provinceField, thisYear } from './common.js';
import { exportButtons } from './exportButtons.js';

/** Report timeliness, and open and overdue recommendations by agency. */
export async function render({ me }) {
  const out = h('div', { id: 'reports-body' });
  let current = {};
  const load = async (p) => {
    current = { year: p.year || thisYear(), province: p.province || me.provinceCode };
    const canReports = me.role !== 'agency';
    const [reps, recs] = await Promise.all([
      canReports ? api(`/v1/dashboard/reports${query({ ...current, limit: 200 })}`) : Promise.resolve(null),
      api(`/v1/dashboard/recommendations${query({ province: current.province, limit: 200 })}`),
    ]);
    out.replaceChildren(
      reps ? exportButtons('reports', () => current) : '',
      reps ? h('section', { class: 'card' }, h('h3', {}, t('reports')), table(reps.byAgency, [
        { key: 'key', label: 'agency' }, { key: 'visits', label: 'visits' }, { key: 'filed', label: 'reportsFiled' },
        { key: 'onTime', label: 'reportsOnTime' }, { key: 'onTimeRate', label: 'rate', format: pct },
      ])) : '',
      h('section', { class: 'card' }, h('h3', {}, t('recommendations')),
        chart({ type: 'bar', data: { labels: recs.byAgency.map((a) => a.agencyName ?? a.agencyId ?? '—'),
          datasets: [{ label: t('open'), data: recs.byAgency.map((a) => a.open), backgroundColor: '#8a4b00' },
                     { label: t('overdue'), data: recs.byAgency.map((a) => a.overdue), backgroundColor: '#a3151c' },
                     { label: t('answered'), data: recs.byAgency.map((a) => a.answered), backgroundColor: '#0f6b3a' }] } }, t('recommendations')),
        table(recs.byAgency, [
          { key: 'agencyId', label: 'agency', format: (v, r) => r.agencyName ?? v ?? '—' }, { key: 'open', label: 'open' },
          { key: 'overdue', label: 'overdue', class: (r) => (r.overdue > 0 ? 'bad' : undefined) }, { key: 'answered', label: 'answered' },
        ])),
      h('section', { class: 'card' }, table(recs.rows.filter((r) => r.open), [
        { key: 'unitCode', label: 'unit' }, { key: 'raisedOn', label: 'from', format: formatDate }, { key: 'dueDate', label: 'to', format: formatDate },
        { key: 'status', label: 'status' }, { key: 'ageDays', label: 'days' },
      ], { rowClass: (r) => (r.overdue ? 'double' : undefined) })),
    );
  };
  const form = filterForm([field('year', 'year', thisYear(), 'number'), await provinceField(me)], load);
  await load({});
  return [h('h2', {}, `${t('reports')} · ${t('recommendations')}`), form, out];
}
