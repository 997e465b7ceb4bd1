import { api, query } from '../api.js';
import { figures, h, table } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { field, filterForm, provinceField, today } from './common.js';
import { exportButtons } from './exportButtons.js';

/** Every commune with its follower(s) as of a date; gaps and double assignments highlighted. */
export async function render({ me }) {
  const out = h('div', { id: 'coverage-body' });
  let current = {};
  const load = async (p) => {
    current = { province: p.province || me.provinceCode, at: p.at || today() };
    const [map, cov] = await Promise.all([
      api(`/v1/map${query({ ...current, limit: 500 })}`),
      api(`/v1/dashboard/coverage${query({ ...current, limit: 500 })}`),
    ]);
    const doubles = new Set(cov.communesWithSeveralFollowers.items.map((c) => c.code));
    const rows = [];
    for (const board of map.boards ?? map.items ?? []) {
      // Only `follow` assignments make a follower (cell-meeting and support duties are listed, not counted).
      for (const u of board.units) rows.push({
        code: u.code, name: u.name, n: u.cadres.filter((c) => c.kind === 'follow').length,
        followers: u.cadres.map((c) => `${c.name ?? c.cadreId}${c.kind === 'follow' ? '' : ` (${c.kind})`}`).join('; '),
      });
    }
    for (const c of cov.communesWithoutFollower.items) rows.push({ code: c.code, name: c.name, followers: t('none'), n: 0 });
    rows.sort((a, b) => a.code.localeCompare(b.code));
    out.replaceChildren(
      figures([['gaps', formatNumber(cov.communesWithoutFollower.total)], ['doubles', formatNumber(cov.communesWithSeveralFollowers.total)],
        ['multi', formatNumber(cov.cadresWithSeveralUnits.total)], ['pastTerm', formatNumber(cov.pastTerm.total)]]),
      exportButtons('coverage', () => current),
      h('section', { class: 'card' }, table(rows, [
        { key: 'code', label: 'code' }, { key: 'name', label: 'unit' }, { key: 'followers', label: 'follower' }, { key: 'n', label: 'followers' },
      ], { rowClass: (r) => (r.n === 0 ? 'gap' : doubles.has(r.code) ? 'double' : undefined) })),
    );
  };
  const form = filterForm([await provinceField(me), field('at', 'at', today(), 'date')], load);
  await load({});
  return [h('h2', {}, t('coverage')), form, out];
}
