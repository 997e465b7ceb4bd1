import { api, query } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** Provinces to choose from (current ones, as of a date), and the caller's own as the default. */
export async function provinceField(me, value, at) {
  const list = await api(`/v1/units${query({ level: 'province', at, limit: 100 })}`);
  const select = h('select', { name: 'province', id: 'province' },
    me.role === 'admin' || !me.provinceCode ? h('option', { value: '' }, '—') : null,
    list.items.map((u) => h('option', { value: u.code, selected: u.code === (value ?? me.provinceCode) ? true : undefined }, `${u.name ?? u.code} (${u.code})`)));
  return h('label', { for: 'province' }, t('province'), select);
}

/** A filter form whose fields are given as elements; calls back with the values. */
export function filterForm(fields, onSubmit) {
  const form = h('form', { class: 'filters' }, fields, h('button', { type: 'submit', class: 'primary' }, t('show')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onSubmit(Object.fromEntries(new FormData(form).entries()));
  });
  return form;
}

export function field(name, label, value, type = 'text') {
  return h('label', { for: name }, t(label), h('input', { id: name, name, type, value: value ?? '' }));
}

export const thisYear = () => new Date().getFullYear();
export const today = () => new Date().toISOString().slice(0, 10);
export const pct = (x) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
