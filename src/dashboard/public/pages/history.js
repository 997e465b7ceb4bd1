import { api, query } from '../api.js';
import { h, table } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { field, filterForm } from './common.js';

const UUID = /^[0-9a-f-]{36}$/i;

/** The assignment timeline of a commune (with the communes merged into it) or of a cadre. */
export async function render({ me }) {
  const out = h('div', { id: 'history-body' });
  const load = async (p) => {
    const key = (p.key || me.unitCode || me.cadreId || '').trim();
    if (!key) return out.replaceChildren(h('p', {}, t('unitOrCadre')));
    const params = UUID.test(key) ? { cadre: key } : { unit: key, includePredecessors: true };
    const [timeline, unit] = await Promise.all([
      api(`/v1/assignments${query({ ...params, limit: 500 })}`),
      params.unit ? api(`/v1/units/${encodeURIComponent(key)}`).catch(() => null) : Promise.resolve(null),
    ]);
    out.replaceChildren(
      unit ? h('section', { class: 'card' }, h('h3', {}, unit.unit?.name ?? unit.name ?? key),
        table(unit.history ?? [], [{ key: 'effectiveDate', label: 'at', format: formatDate }, { key: 'kind', label: 'kind' }, { key: 'decisionRef', label: 'decision' }]),
        (unit.predecessors ?? []).length ? table(unit.predecessors, [{ key: 'code', label: 'code' }, { key: 'mergeType', label: 'kind' }, { key: 'effectiveDate', label: 'at', format: formatDate }]) : '') : '',
      h('section', { class: 'card' }, table(timeline.items, [
        { key: 'unitCode', label: 'unit' }, { key: 'cadreId', label: 'cadre', format: (v, r) => (v ? h('a', { href: `#/cadre/${v}` }, r.cadreName ?? v.slice(0, 8)) : r.agencyId) },
        { key: 'kind', label: 'kind' }, { key: 'validFrom', label: 'validFrom', format: formatDate }, { key: 'validTo', label: 'validTo', format: formatDate },
        { key: 'endReason', label: 'endReason' }, { key: 'decisionRef', label: 'decision' },
      ])),
    );
  };
  const form = filterForm([field('key', 'unitOrCadre', me.unitCode ?? me.cadreId ?? '')], load);
  await load({});
  return [h('h2', {}, t('history')), form, out];
}
