import { api, query } from '../api.js';
import { chart, figures, h } from '../dom.js';
import { formatDate, formatNumber, t } from '../i18n.js';
import { field, filterForm, provinceField, thisYear } from './common.js';

/** The figures provinces publish for a period, with charts. */
export async function render({ me }) {
  const out = h('div', { id: 'overview-body' });
  const load = async (p) => {
    const from = p.from || `${thisYear()}-01-01`;
    const to = p.to || `${thisYear()}-12-31`;
    const s = await api(`/v1/dashboard/summary${query({ province: p.province || me.provinceCode, from, to })}`);
    out.replaceChildren(
      h('p', {}, `${formatDate(s.from)} – ${formatDate(s.to)}`),
      figures([
        ['officials', formatNumber(s.officials)], ['visits', formatNumber(s.visits)], ['days', formatNumber(s.days)],
        ['cellMeetings', formatNumber(s.partyCellMeetings)], ['reportsFiled', formatNumber(s.reportsFiled)],
        ['reportsOnTime', formatNumber(s.reportsOnTime)], ['raised', formatNumber(s.recommendationsRaised)], ['answered', formatNumber(s.recommendationsAnswered)],
      ]),
      h('section', { class: 'card' }, chart({
        type: 'bar',
        data: { labels: [t('reportsFiled'), t('reportsOnTime'), t('raised'), t('answered')],
          datasets: [{ label: t('total'), data: [s.reportsFiled, s.reportsOnTime, s.recommendationsRaised, s.recommendationsAnswered], backgroundColor: ['#a3151c', '#0f6b3a', '#8a4b00', '#1f5fbf'] }] },
        options: { plugins: { legend: { display: false } } },
      }, t('overview'))),
    );
  };
  const form = filterForm([await provinceField(me), field('from', 'from', `${thisYear()}-01-01`, 'date'), field('to', 'to', `${thisYear()}-12-31`, 'date')], load);
  await load({});
  return [h('h2', {}, t('overview')), form, out];
}
