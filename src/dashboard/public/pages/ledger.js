import { api } from '../api.js';
import { figures, h, table } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

/** Latest checkpoint, tree size, witnesses, and a full verification run with progress. */
export async function render() {
  const note = await api('/v1/ledger/checkpoint', { accept: 'text/plain' });
  const [origin, size] = note.split('\n');
  const signatures = note.split('\n\n')[1]?.split('\n').filter((l) => l.startsWith('—')) ?? [];
  const list = await api('/v1/ledger/checkpoints?fromSize=0&limit=1000');
  const progress = h('progress', { max: 100, value: 0, 'aria-label': t('verify') });
  const result = h('p', { 'aria-live': 'polite', id: 'verify-result' });
  const button = h('button', { type: 'button', class: 'primary', id: 'verify' }, t('verify'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.textContent = t('loading');
    const job = await api('/v1/ledger/verifications', { method: 'POST', body: {} });
    for (;;) {
      const s = await api(`/v1/ledger/verifications/${job.id}`);
      progress.max = Math.max(1, Number(s.total));
      progress.value = Number(s.done);
      if (s.state !== 'running') {
        result.className = s.ok ? 'ok' : 'bad';
        result.textContent = s.ok ? `${t('verified')}: ${formatNumber(s.leaves)}` : `${t('failed')}: ${s.failure?.message ?? s.error}`;
        break;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    button.disabled = false;
  });
  return [
    h('h2', {}, t('ledger')),
    figures([['treeSize', formatNumber(size)], ['witnesses', String(Math.max(0, signatures.length - 1))], ['checkpoint', String(list.checkpoints.length)]]),
    h('section', { class: 'card' }, h('h3', {}, t('checkpoint'), ' — ', origin), h('pre', { id: 'checkpoint-note' }, note)),
    h('section', { class: 'card' }, button, progress, result),
    h('section', { class: 'card' }, table(list.checkpoints.slice(-20).reverse(), [
      { key: 'treeSize', label: 'treeSize' }, { key: 'rootHash', label: 'checkpoint' }, { key: 'createdAt', label: 'at' },
    ])),
  ];
}
