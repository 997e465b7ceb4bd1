import { download, query } from '../api.js';
import { h, say } from '../dom.js';
import { t } from '../i18n.js';

/** CSV and Excel downloads of the same figures the page shows. */
export function exportButtons(what, params) {
  const button = (format, label) => h('button', {
    type: 'button', 'data-export': `${what}.${format}`,
    onclick: async () => {
      try {
        await download(`/v1/exports/${what}${query({ ...params(), format })}`, `${what}.${format}`);
      } catch (err) {
        say(`${t('error')}: ${err.message}`);
      }
    },
  }, t(label));
  return h('p', { class: 'exports' }, button('csv', 'exportCsv'), ' ', button('xlsx', 'exportXlsx'));
}
