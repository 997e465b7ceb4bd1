import { t } from './i18n.js';

/** h('td', { class: 'x' }, 'text', child): a tiny element builder; text is always escaped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** A table from rows and column definitions { key, label, format?, class? }. */
export function table(rows, columns, { rowClass, caption } = {}) {
  return h('table', {},
    caption ? h('caption', { class: 'sr' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, t(c.label))))),
    h('tbody', {}, rows.map((r) => h('tr', { class: rowClass?.(r) }, columns.map((c) => {
      const value = c.format ? c.format(r[c.key], r) : r[c.key];
      return h('td', { class: c.class?.(r) }, value ?? '');
    })))));
}

export function figures(items) {
  return h('div', { class: 'figures' }, items.map(([label, value]) =>
    h('div', { class: 'figure', 'data-figure': label }, h('div', { class: 'value' }, value ?? '—'), h('div', { class: 'label' }, t(label)))));
}

export function filters(fields, onSubmit) {
  const form = h('form', { class: 'filters' },
    fields.map((f) => h('label', {}, t(f.label), h('input', { name: f.name, type: f.type ?? 'text', value: f.value ?? '', inputmode: f.inputmode }))),
    h('button', { type: 'submit', class: 'primary' }, t('show')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onSubmit(Object.fromEntries(new FormData(form).entries()));
  });
  return form;
}

export function say(message) {
  const status = document.getElementById('status');
  status.textContent = message;
  if (message) setTimeout(() => { if (status.textContent === message) status.textContent = ''; }, 6000);
}

/** A Chart.js chart in a labelled, sized container (Chart.js is loaded from /vendor). */
export function chart(config, label) {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  const box = h('div', { class: 'chart' }, canvas);
  queueMicrotask(() => { if (window.Chart) new window.Chart(canvas, { ...config, options: { maintainAspectRatio: false, responsive: true, ...config.options } }); });
  return box;
}
