import { mkdirSync } from 'node:fs';
import t from 'tap';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { openTestServer } from '../helpers/testServer.js';

const shots = 'test-results/screenshots';

t.test('the dashboard in a real Chromium: login, navigation by role, ledger verification', { skip: !hasChromium && 'no /usr/bin/chromium (.ci/install-browser installs it)' }, async (t) => {
  mkdirSync(shots, { recursive: true });
  const server = await openTestServer();
  t.teardown(server.close);
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const admin = await server.token({ role: 'admin' });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

  await page.goto(server.url);
  await page.getByLabel('Mã truy cập (token)').fill('dbn_wrong');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('alert').waitFor();
  t.match(await page.getByRole('alert').textContent(), /unknown or revoked/, 'a wrong token is refused');

  await page.getByLabel('Mã truy cập (token)').fill(admin);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('nav a[data-page="ledger"]').click();
  await page.locator('#checkpoint-note').waitFor();
  t.match(await page.locator('#checkpoint-note').textContent(), /^diaban\.local\/\w+\n0\n/, 'the latest checkpoint note is shown');
  await page.locator('#verify').click();
  await page.locator('#verify-result.ok').waitFor({ timeout: 20_000 });
  t.match(await page.locator('#verify-result').textContent(), /Sổ cái toàn vẹn/);
  await page.screenshot({ path: `${shots}/ledger-vi.png`, fullPage: true });

  await page.getByRole('button', { name: 'English / Tiếng Việt' }).click();
  await page.locator('nav a[data-page="ledger"]', { hasText: 'Ledger' }).waitFor();
  t.equal(await page.locator('html').getAttribute('lang'), 'en', 'the English switch sets the page language');
});
