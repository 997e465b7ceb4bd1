import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import t from 'tap';
import { seedDemo } from '../../src/demo/seedDemo.js';
import { hasChromium, launchChromium } from '../helpers/browser.js';
import { databaseKind } from '../helpers/testDatabase.js';
import { openTestServer } from '../helpers/testServer.js';
import { sealCommitted } from '../../src/ledger/postgres/sealCommitted.js';

const shots = 'test-results/screenshots';

interface Coverage {
  communesWithoutFollower: { total: number; items: unknown[] };
}
interface Attendance {
  total: number;
  rows: { days: number }[];
}
const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

// One seeded demo province set, then every page as the roles that use it, each figure read off the
// page and compared with the API answer for the same question.
t.test('every dashboard page on the demo history, in Chromium, checked against the API', { skip: !hasChromium && 'no /usr/bin/chromium' }, async (t) => {
  mkdirSync(shots, { recursive: true });
  const server = await openTestServer();
  t.teardown(server.close);
  const demo = await seedDemo({ store: server.store, database: server.database, scale: 'small', concurrency: databaseKind === 'postgres' ? 8 : 1 });
  await server.projections.catchUp();
  await sealCommitted(server.database, server.ledger.sealer);
  await server.ledger.sealer.checkpoint();
  const token = (role: string) => demo.tokens.find((x) => x.role === role)!.token;
  const api = async <T>(role: string, url: string): Promise<T> => {
    const res = await fetch(server.url + url, { headers: { authorization: `Bearer ${token(role)}` } });
    t.equal(res.status, 200, `${url} as ${role}`);
    return (await res.json()) as T;
  };
  /** Waits until the page shows `n` elements for the selector (the page re-renders asynchronously). */
  const waitForCount = async (page: Page, selector: string, n: number) => {
    for (let i = 0; i < 200 && (await page.locator(selector).count()) !== n; i++) await page.waitForTimeout(50);
  };
  const browser = await launchChromium();
  t.teardown(() => browser.close());

  const login = async (role: string, width = 1280): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Mã truy cập (token)').fill(token(role));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('nav a').first().waitFor();
    return page;
  };
  const figure = async (page: Page, label: string) => (await page.locator(`[data-figure="${label}"] .value`).textContent())?.trim();

  await t.test('overview: the summary figures are the API’s', async (t) => {
    const page = await login('admin');
    await page.locator('nav a[data-page="overview"]').click();
    await page.locator('[data-figure="visits"]').waitFor();
    const year = new Date().getFullYear();
    const s = await api<{ visits: number; days: number; reportsFiled: number }>('admin', `/v1/dashboard/summary?from=${year}-01-01&to=${year}-12-31`);
    t.equal(await figure(page, 'visits'), vi(s.visits));
    t.equal(await figure(page, 'days'), vi(s.days));
    t.equal(await figure(page, 'reportsFiled'), vi(s.reportsFiled));
    t.equal(await page.locator('canvas[role="img"]').count(), 1, 'a chart');
    await page.screenshot({ path: `${shots}/overview.png`, fullPage: true });
  });

  await t.test('coverage as the organizer: gaps match the API, and the as-of date changes the map', async (t) => {
    const page = await login('organizer');
    await page.locator('nav a[data-page="coverage"]').click();
    await page.locator('#coverage-body table').waitFor();
    const province = demo.scopes.organizerProvince;
    const today = new Date().toISOString().slice(0, 10);
    const now = await api<Coverage>('organizer', `/v1/dashboard/coverage?province=${province}&at=${today}&limit=500`);
    t.equal(await figure(page, 'gaps'), vi(now.communesWithoutFollower.total));
    t.equal(await page.locator('#coverage-body tr.gap').count(), now.communesWithoutFollower.items.length);
    const before = await api<Coverage>('organizer', `/v1/dashboard/coverage?province=${province}&at=2024-06-01&limit=500`);
    await page.locator('#at').fill('2024-06-01');
    await page.getByRole('button', { name: 'Xem' }).click();
    await waitForCount(page, '#coverage-body tr.gap', before.communesWithoutFollower.items.length);
    t.equal(await figure(page, 'gaps'), vi(before.communesWithoutFollower.total), 'the map as of 1 June 2024');
    await page.screenshot({ path: `${shots}/coverage-2024-06-01.png`, fullPage: true });
  });

  await t.test('attendance as the organizer: rows and days match, and the CSV export parses', async (t) => {
    const page = await login('organizer');
    await page.locator('nav a[data-page="attendance"]').click();
    await page.locator('#attendance-body table').waitFor();
    const year = new Date().getFullYear();
    const a = await api<Attendance>('organizer', `/v1/dashboard/attendance?year=${year}&province=${demo.scopes.organizerProvince}&limit=500`);
    t.equal(await page.locator('#attendance-body tbody tr').count(), a.rows.length);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="attendance.csv"]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    t.ok(csv.startsWith('\ufeffHọ và tên,Mã cán bộ,Năm,Số ngày đi cơ sở'), 'Vietnamese headers after a BOM');
    const lines = csv.trim().split('\r\n');
    t.equal(lines.length - 1, a.total, 'one line per cadre');
    const days = lines.slice(1).reduce((sum, l) => sum + Number(l.split(',')[3]), 0);
    t.equal(days, a.rows.reduce((sum, r) => sum + r.days, 0), 'the same days as the API');
    await page.screenshot({ path: `${shots}/attendance.png`, fullPage: true });
  });

  await t.test('a cadre sees its own page; on a phone too', async (t) => {
    const page = await login('cadre', 390);
    t.notOk(await page.locator('nav a[data-page="inspection"]').count(), 'no inspection page for a cadre');
    await page.goto(`${server.url}/#/cadre/${demo.scopes.cadreId}`);
    await page.locator('[data-figure="days"]').waitFor();
    const a = await api<Attendance>('cadre', `/v1/dashboard/attendance?year=${new Date().getFullYear()}&cadre=${demo.scopes.cadreId}`);
    t.equal(await figure(page, 'days'), vi(a.rows[0]?.days ?? 0));
    await page.screenshot({ path: `${shots}/cadre-phone.png`, fullPage: true });
  });

  await t.test('reports and recommendations; history; inspection verdicts as the API says', async (t) => {
    const page = await login('inspector');
    await page.locator('nav a[data-page="reports"]').click();
    await page.locator('#reports-body table').first().waitFor();
    await page.screenshot({ path: `${shots}/reports.png`, fullPage: true });
    await page.locator('nav a[data-page="history"]').click();
    await page.locator('#key').fill(demo.scopes.communeCode);
    await page.getByRole('button', { name: 'Xem' }).click();
    const timeline = await api<{ items: unknown[] }>('inspector', `/v1/assignments?unit=${demo.scopes.communeCode}&includePredecessors=true&limit=500`);
    await waitForCount(page, '#history-body section:last-child tbody tr', timeline.items.length);
    t.equal(await page.locator('#history-body section:last-child tbody tr').count(), timeline.items.length, 'the timeline rows');
    await page.screenshot({ path: `${shots}/history.png`, fullPage: true });
    await page.locator('nav a[data-page="inspection"]').click();
    // Bulk inspection checks every report of the year with proofs: slow on a loaded 2-core machine.
    await page.locator('#inspection-list table').waitFor({ timeout: 180_000 });
    const findings = (await api<{ findings: { reportId: string }[] }>('inspector', `/v1/inspections?year=${new Date().getFullYear()}`)).findings;
    t.equal(await page.locator('#inspection-list tbody tr').count(), findings.length);
    if (findings.length > 0) {
      await page.locator('#inspection-list tbody tr a').first().click();
      await page.locator('#verdict').waitFor();
      const verdict = (await api<{ verdict: 'authentic' | 'transcribed' | 'questionable' | 'tampered' }>('inspector', `/v1/reports/${findings[0]!.reportId}/authenticity`)).verdict;
      t.equal(await page.locator('#verdict').textContent(), { authentic: 'Xác thực', transcribed: 'Chép lại từ hồ sơ cũ', questionable: 'Đáng ngờ', tampered: 'Bị sửa đổi' }[verdict]);
    }
    await page.screenshot({ path: `${shots}/inspection.png`, fullPage: true });
  });
});
