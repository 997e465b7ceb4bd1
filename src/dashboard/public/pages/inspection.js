import { api, download, query } from '../api.js';
import { h, table } from '../dom.js';
import { t } from '../i18n.js';
import { field, filterForm, provinceField, thisYear } from './common.js';
import { exportButtons } from './exportButtons.js';

const VERDICT_CLASS = { authentic: 'ok', transcribed: 'ok', questionable: 'warn', tampered: 'bad' };

/** A report's authenticity verdict with each check, its proof bundle, and the yearly list of doubtful reports. */
export async function render({ me, args }) {
  const detail = h('div', { id: 'inspection-detail' });
  const show = async (id) => {
    const a = await api(`/v1/reports/${encodeURIComponent(id)}/authenticity`);
    detail.replaceChildren(h('section', { class: 'card' },
      h('h3', {}, `${t('verdict')}: `, h('span', { class: VERDICT_CLASS[a.verdict], id: 'verdict' }, t(a.verdict))),
      table(a.checks, [{ key: 'code', label: 'check' }, { key: 'ok', label: 'status', format: (v, r) => (v ? (r.unattested ? `✓ ${t('unattested')}` : '✓') : '✗'), class: (r) => (r.ok ? 'ok' : 'bad') }, { key: 'detail', label: 'kind' }]),
      h('button', { type: 'button', class: 'primary', id: 'bundle', onclick: () => download(`/v1/reports/${encodeURIComponent(id)}/bundle`, `report-${id}.bundle.json`) }, t('download'))));
  };
  const list = h('div', { id: 'inspection-list' });
  let current = {};
  const loadList = async (p) => {
    current = { province: p.province || me.provinceCode, year: p.year || thisYear() };
    const r = await api(`/v1/inspections${query(current)}`);
    const items = r.findings;
    list.replaceChildren(exportButtons('inspections', () => current), h('section', { class: 'card' }, table(items, [
      { key: 'unitCode', label: 'unit' },
      { key: 'reportId', label: 'reportId', format: (v) => h('a', { href: '#', onclick: (e) => { e.preventDefault(); show(v); } }, v.slice(0, 8)) },
      { key: 'verdict', label: 'verdict', format: (v) => t(v), class: (row) => VERDICT_CLASS[row.verdict] },
      { key: 'reasons', label: 'check', format: (v) => v.map((c) => c.detail).join('; ') },
    ])));
  };
  const byId = filterForm([field('report', 'reportId', args[0] ?? '')], (p) => p.report && show(p.report.trim()));
  const byScope = filterForm([await provinceField(me), field('year', 'year', thisYear(), 'number')], loadList);
  if (args[0]) await show(args[0]);
  await loadList({});
  return [h('h2', {}, t('inspection')), byId, detail, byScope, list];
}
