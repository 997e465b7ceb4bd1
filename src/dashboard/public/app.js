import { api, session } from './api.js';
import { h, say } from './dom.js';
import { getLang, setLang, t } from './i18n.js';

/** Pages and the roles that see them (the API enforces scope; this only hides what would be refused). */
const PAGES = [
  { id: 'overview', roles: ['admin', 'organizer', 'inspector', 'viewer', 'unit-committee'] },
  { id: 'coverage', roles: ['admin', 'organizer', 'inspector', 'viewer', 'unit-committee'] },
  { id: 'attendance', roles: ['admin', 'organizer', 'inspector', 'viewer', 'cadre'] },
  { id: 'reports', roles: ['admin', 'organizer', 'inspector', 'viewer', 'agency'] },
  { id: 'history', roles: ['admin', 'organizer', 'inspector', 'viewer', 'cadre', 'unit-committee'] },
  { id: 'inspection', roles: ['admin', 'inspector'] },
  { id: 'ledger', roles: ['admin', 'organizer', 'inspector', 'viewer', 'cadre', 'unit-committee', 'agency'] },
];

const state = { me: null, navigation: 0 };

async function loadPage(id) {
  return import(`./pages/${id}.js`);
}

function renderLogin(main, message) {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'login-help' });
  const form = h('form', { class: 'card', id: 'login' },
    h('h2', {}, t('login')),
    h('label', { for: 'token' }, t('token'), input),
    h('p', { id: 'login-help' }, t('loginHelp')),
    message ? h('p', { class: 'bad', role: 'alert' }, message) : null,
    h('button', { type: 'submit', class: 'primary' }, t('login')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    session.token = input.value.trim();
    await start();
  });
  main.replaceChildren(form);
  input.focus();
}

function renderNav(current) {
  const nav = document.getElementById('nav');
  nav.hidden = false;
  nav.replaceChildren(...PAGES.filter((p) => p.roles.includes(state.me.role)).map((p) =>
    h('a', { href: `#/${p.id}`, 'aria-current': p.id === current ? 'page' : undefined, 'data-page': p.id }, t(p.id))));
}

async function route() {
  const main = document.getElementById('main');
  if (!state.me) return;
  const [, id = '', ...rest] = location.hash.split('/');
  const allowed = PAGES.filter((p) => p.roles.includes(state.me.role));
  const page = allowed.find((p) => p.id === id) ?? (id === 'cadre' ? { id: 'cadre' } : allowed[0]);
  renderNav(page.id);
  main.replaceChildren(h('p', {}, t('loading')));
  // Pages load asynchronously: a slower, older navigation must not overwrite a newer one.
  const navigation = ++state.navigation;
  try {
    const module = await loadPage(page.id);
    const content = [await module.render({ me: state.me, args: rest.map(decodeURIComponent) })].flat();
    if (navigation !== state.navigation) return;
    main.replaceChildren(...content);
    main.focus();
  } catch (err) {
    if (navigation !== state.navigation) return;
    main.replaceChildren(h('p', { class: 'bad', role: 'alert' }, err.status === 403 ? t('forbidden') : `${t('error')}: ${err.message}`));
  }
}

async function start() {
  const main = document.getElementById('main');
  document.documentElement.lang = getLang();
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.getElementById('lang').textContent = getLang() === 'vi' ? 'EN' : 'VI';
  if (!session.token) return renderLogin(main);
  try {
    state.me = await api('/v1/me');
  } catch (err) {
    session.token = null;
    return renderLogin(main, err.message);
  }
  document.getElementById('who').textContent = `${state.me.label ?? ''} (${state.me.role})`;
  document.getElementById('logout').hidden = false;
  await route();
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(getLang() === 'vi' ? 'en' : 'vi');
  start();
});
document.getElementById('logout').addEventListener('click', () => {
  session.token = null;
  state.me = null;
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  say('');
  start();
});
window.addEventListener('hashchange', route);
start();
