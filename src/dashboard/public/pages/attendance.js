import { api, query } from '../api.js';
import { chart, h, table } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { field, filterForm, provinceField, thisYear } from './common.js';
import { exportButtons } from './exportButtons.js';

/** Names of the cadres on the current map (personal data, shown while it exists). */
async function cadreNames(province) {
  const map = await api(`/v1/map${query({ province, limit: 1000 })}`).catch(() => ({ boards: [] }));
  return new Map(map.boards.flatMap((b) => b.cadres.filter((c) => c.name).map((c) => [c.cadreId, c.name])));
}

const STATUS = { met: ['met', 'ok'], 'on-track': ['onTrack', 'ok'], behind: ['behind', 'bad'], 'no-quota': ['none', 'warn'] };

/** Each cadre's days at the grassroots against the quota this year, filterable by agency. */
export async function render({ me }) {
  const out = h('div', { id: 'attendance-body' });
  let current = {};
  const load = async (p) => {
    current = { year: p.year || thisYear(), province: p.province || me.provinceCode, agency: p.agency || undefined };
    const [a, names] = await Promise.all([api(`/v1/dashboard/attendance${query({ ...current, limit: 500 })}`), cadreNames(current.province)]);
    const rows = a.rows.map((r) => ({ ...r, cadreName: names.get(r.cadreId), required: r.quota?.required ?? null, reference: r.quota?.reference ?? '' }));
    const top = rows.slice(0, 40);
    out.replaceChildren(
      exportButtons('attendance', () => current),
      h('section', { class: 'card' }, chart({
        type: 'bar',
        data: { labels: top.map((r) => r.cadreName ?? r.cadreId.slice(0, 8)),
          datasets: [{ label: t('days'), data: top.map((r) => r.days), backgroundColor: '#a3151c' },
                     { label: t('quota'), data: top.map((r) => r.required), backgroundColor: '#8a94a0' }] },
      }, `${t('days')} / ${t('quota')}`)),
      h('section', { class: 'card' }, table(rows, [
        { key: 'cadreId', label: 'cadre', format: (v, r) => h('a', { href: `#/cadre/${v}` }, r.cadreName ?? v.slice(0, 8)) },
        { key: 'days', label: 'days', format: formatNumber }, { key: 'required', label: 'quota', format: (v) => (v === null ? '—' : formatNumber(v)) },
        { key: 'visits', label: 'visits' }, { key: 'partyCellMeetings', label: 'cellMeetings' }, { key: 'reference', label: 'decision' },
        { key: 'status', label: 'status', format: (v) => t(STATUS[v]?.[0] ?? v), class: (r) => STATUS[r.status]?.[1] },
      ])),
    );
  };
  const form = filterForm([field('year', 'year', thisYear(), 'number'), await provinceField(me), field('agency', 'agency', '')], load);
  await load({});
  return [h('h2', {}, t('attendance')), form, out];
}
