// The web console in a real browser against the real stack: the API role serves the built
// console (built here when missing or stale), known feedback goes through the pipeline,
// and Chromium (playwright-core, the system's browser) signs in as an executive and as a
// product person, switches to Chinese, and tries a wrong key. Figures on the page are
// checked against the API's own answer to the same question.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../cli/runtime.ts';
import { analyticsFeedback } from './support/analytics-fixture.ts';
import { seedThroughPipeline } from './support/seed.ts';
import { getJson, postJson } from './support/test-env.ts';
import { useTestRoles } from './support/test-roles.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) console.warn(`console browser test skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH, or install Debian's chromium package)`);

const ctx = useTestRoles(['api', 'processor']);
const api = () => ctx.roles.apiUrl!;
const TZ = 'Asia/Shanghai';
// The fixture's twelve days (27 October to 7 November 2026), in the browser's zone.
const PERIOD = { from: '2026-10-27', to: '2026-11-07' };
let browser: Browser;
const keys = {} as Record<'executive' | 'product' | 'cx-lead', string>;

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/ensure-console.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the console failed: ${build.stderr}`);
  await seedThroughPipeline(ctx.t, api(), analyticsFeedback(ctx.t.id));
  keys.executive = await createApiKey(ctx.t.config, { name: 'Chief Customer Officer', role: 'executive', createdBy: 'tests' });
  keys.product = await createApiKey(ctx.t.config, { name: 'Product Lead', role: 'product', createdBy: 'tests' });
  keys['cx-lead'] = await createApiKey(ctx.t.config, { name: 'CX Lead', role: 'cx-lead', createdBy: 'tests' });
  if (haveBrowser) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Waits for the page (vitest's own poll gives up after a second; a busy machine needs longer). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });

async function newPage(locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ locale, timezoneId: TZ, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function signIn(page: Page, key: string, hash = '') {
  await page.goto(`${api()}/${hash}`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('console served by the API', () => {
  it('serves the page with a strict policy, hashed assets for a year, and says who a key is', async () => {
    const page = await fetch(`${api()}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${api()}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${api()}/assets/no-such-file.js`)).status).toBe(404);

    expect((await fetch(`${api()}/v1/me`)).status).toBe(401);
    const me = await getJson(`${api()}/v1/me`, { authorization: `Bearer ${keys.executive}` });
    expect(me.body).toMatchObject({ name: 'Chief Customer Officer', role: 'executive', permissions: ['analytics:read', 'taxonomy:read'] });
  });
});

describe.runIf(haveBrowser)('console in Chromium', () => {
  it('shows an executive the overview with the API’s figures, and no search', async () => {
    const page = await newPage();
    await signIn(page, keys.executive, `#/overview?from=${PERIOD.from}&to=${PERIOD.to}`);
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await poll(() => nav.getByRole('link').allTextContents()).toEqual(['Overview', 'Trends']);
    expect(await nav.getByRole('link', { name: 'Search' }).count()).toBe(0);

    for (const metric of ['count', 'negativeShare', 'meanSentiment', 'nps', 'valueAtRisk']) {
      const answer = await getJson(`${api()}/v1/trends?metric=${metric}&from=${PERIOD.from}&to=${PERIOD.to}&tz=${encodeURIComponent(TZ)}&interval=auto`, { authorization: `Bearer ${keys.executive}` });
      expect(answer.status).toBe(200);
      const shown = await page.locator(`[data-metric="${metric}"] data`).getAttribute('value');
      expect(Number(shown), metric).toBe(answer.body.total.summary.value);
    }
    const count = await getJson(`${api()}/v1/trends?metric=count&from=${PERIOD.from}&to=${PERIOD.to}&tz=${encodeURIComponent(TZ)}`, { authorization: `Bearer ${keys.executive}` });
    await poll(() => page.locator('[data-metric="count"] .figure').textContent()).toContain(count.body.total.summary.value.toLocaleString('en-US'));

    const top = await getJson(`${api()}/v1/issues/top?from=${PERIOD.from}&to=${PERIOD.to}&tz=${encodeURIComponent(TZ)}&limit=10&verbatims=2`, { authorization: `Bearer ${keys.executive}` });
    const rows = page.locator('table.issues tr[data-issue]');
    await poll(() => rows.count()).toBe(top.body.issues.length);
    const first = top.body.issues[0];
    await poll(() => rows.first().locator('th').textContent()).toBe(first.label.en);
    expect(await rows.first().locator('data').getAttribute('value')).toBe(String(first.count));
    expect(await page.locator('tr.verbatims blockquote mark').count()).toBeGreaterThan(0);

    // The page hides search; the address still reaches the route, which says it is not allowed.
    await page.goto(`${api()}/#/search`);
    await poll(() => page.getByRole('alert').textContent()).toContain('may not use this page');
    await page.close();
  });

  it('lets a product person search, open a feedback item with its evidence and customer, and read it in Chinese', async () => {
    const page = await newPage();
    await signIn(page, keys.product, '#/search');
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await poll(() => nav.getByRole('link').allTextContents()).toEqual(['Overview', 'Trends', 'Search', 'Pull the cord']);

    await page.getByLabel('Words to find').fill('battery');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const answer = await getJson(`${api()}/v1/feedback/search?q=battery&pageSize=20`, { authorization: `Bearer ${keys.product}` });
    expect(answer.body.total).toBeGreaterThan(0);
    await poll(() => page.locator('[data-total]').getAttribute('data-total')).toBe(String(answer.body.total));
    const results = page.locator('ul.results > li');
    await poll(() => results.count()).toBe(Math.min(20, answer.body.total));
    expect(await results.first().locator('mark').first().textContent()).toMatch(/batter/i);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(csv[0]).toMatch(/^id,createdAt,source,/);
    expect(csv.slice(1).map((line) => line.split(',')[0]).sort()).toEqual(answer.body.items.map((i: { id: string }) => i.id).sort());

    const first = answer.body.items[0];
    expect(await results.first().getAttribute('data-id')).toBe(first.id);
    await results.first().getByRole('link', { name: /^Open/ }).click();
    await poll(() => page.url()).toContain(`#/feedback/${first.id}`);
    await poll(() => page.getByTestId('feedback-text').textContent()).toBe(first.text);
    const issue = first.issues[0];
    expect(issue).toBeDefined();
    expect(await page.getByTestId('feedback-text').locator('mark.evidence').first().textContent()).toBe(first.text.slice(issue.start, issue.end));
    await poll(() => page.locator('table.detail-issues tr[data-issue]').count()).toBe(first.issues.length);
    const customer = await getJson(`${api()}/v1/customers/${first.customer.id}?tz=${encodeURIComponent(TZ)}`, { authorization: `Bearer ${keys.product}` });
    await poll(() => page.locator('ul.history > li').count()).toBe(customer.body.items.length);

    await page.getByRole('button', { name: '中文' }).click();
    await poll(() => page.getByRole('navigation', { name: '栏目' }).getByRole('link').allTextContents()).toEqual(['概览', '趋势', '搜索', '拉绳报缺陷']);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('反馈');
    await page.reload();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('反馈');
    await page.goto(`${api()}/#/search`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('搜索反馈');
    expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(1);
    await page.close();
  });

  it('lets a CX lead save a rule only after previewing it, and acknowledge a pulled cord in the inbox', async () => {
    const page = await newPage();
    const auth = { authorization: `Bearer ${keys['cx-lead']}` };
    await signIn(page, keys['cx-lead'], '#/rules/new');
    await page.getByLabel('Name', { exact: true }).fill('Daily spike per product');
    await page.getByLabel('Evaluate every').fill('1d');
    await page.getByLabel('Days of history').fill('60');
    const save = page.getByRole('button', { name: 'Save', exact: true });
    expect(await save.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Preview on history' }).click();
    const backtest = await postJson(`${api()}/v1/alert-rules/backtest`, { rule: { type: 'spike', direction: 'up', groupBy: 'product', every: '1d', name: 'Daily spike per product', timeZone: TZ }, days: 60 }, auth);
    expect(backtest.status).toBe(200);
    await poll(() => page.getByRole('heading', { level: 2, name: /^Preview on history/ }).textContent()).toBe(`Preview on history: ${backtest.body.firings} firing${backtest.body.firings === 1 ? '' : 's'}`);
    await poll(() => page.locator('.chart svg').count()).toBeGreaterThan(0);
    await poll(() => save.isDisabled()).toBe(false);
    await page.getByLabel('Evaluate every').fill('12h');
    await poll(() => save.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Preview on history' }).click();
    await poll(() => save.isDisabled()).toBe(false);
    await save.click();
    await poll(() => page.getByRole('status').filter({ hasText: 'Saved as version 1.' }).count()).toBe(1);
    const rules = await getJson(`${api()}/v1/alert-rules`, auth);
    expect(rules.body.rules.map((r: { spec: unknown }) => r.spec)).toEqual([{ type: 'spike', direction: 'up', groupBy: 'product', every: '12h', name: 'Daily spike per product', timeZone: TZ }]);

    const pulled = await postJson(`${api()}/v1/defects`, { text: 'The charging port melts', product: 'p-alpha', by: 'store 12' }, auth);
    expect(pulled.status).toBe(201);
    const [alert] = (await getJson(`${api()}/v1/alerts?state=firing&ruleId=defects`, auth)).body.transitions;
    expect(alert.group).toBe('p-alpha/any issue');
    await page.goto(`${api()}/#/alerts`);
    await page.locator(`tr[data-alert="${alert.id}"] a`).click();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await poll(async () => (await getJson(`${api()}/v1/alerts/${alert.id}`, auth)).body.ackBy).toBe('CX Lead');
    await poll(() => page.getByText('acknowledged by CX Lead').count()).toBe(1);
    await page.close();
  });

  it('tells a wrong key in words a person understands', async () => {
    const page = await newPage();
    await signIn(page, `voc_aaaaaaaaaaaa_${'A'.repeat(43)}`);
    const alert = page.getByRole('alert');
    await poll(() => alert.textContent()).toContain('Your key was not accepted.');
    expect(await alert.textContent()).toContain('the key is not known');
    await page.getByLabel('API key').fill('not a key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('keys start with voc_');
    await page.close();
  });
});
