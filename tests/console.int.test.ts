// The web console in a real browser against the real stack: the API role serves the built
// console (built here when missing or stale), known feedback goes through the pipeline,
// and Chromium (playwright-core, the system's browser) signs in with every role and sees
// only what that role may use: an executive reads the overview (in Chinese too), a product
// person searches and opens a complaint, a CX lead previews and saves a rule, pulls the cord
// and acknowledges and resolves the alert it raises, an admin makes a key and finds it in the
// audit log, an ingest key is told the console has nothing for it, and a wrong key is told
// so in words. Figures on the page are checked against the API's own answer to the same
// question. Each page is photographed into reports/console/ (the README shows some).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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
const keys = {} as Record<'executive' | 'product' | 'cx-lead' | 'admin' | 'ingest', string>;
const SHOTS = `${root}reports/console`;

/** A screenshot of the page as it is, a test artifact (reports/ is not committed). */
async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/ensure-console.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the console failed: ${build.stderr}`);
  await seedThroughPipeline(ctx.t, api(), analyticsFeedback(ctx.t.id));
  keys.executive = await createApiKey(ctx.t.config, { name: 'Chief Customer Officer', role: 'executive', createdBy: 'tests' });
  keys.product = await createApiKey(ctx.t.config, { name: 'Product Lead', role: 'product', createdBy: 'tests' });
  keys['cx-lead'] = await createApiKey(ctx.t.config, { name: 'CX Lead', role: 'cx-lead', createdBy: 'tests' });
  keys.admin = await createApiKey(ctx.t.config, { name: 'Admin', role: 'admin', createdBy: 'tests' });
  keys.ingest = await createApiKey(ctx.t.config, { name: 'Shop integration', role: 'ingest', createdBy: 'tests' });
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
    await shot(page, 'overview');

    // The same overview in Chinese: the words change, the figures do not.
    await page.getByRole('button', { name: '中文' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('概览');
    await poll(() => page.getByRole('navigation', { name: '栏目' }).getByRole('link').allTextContents()).toEqual(['概览', '趋势']);
    expect(Number(await page.locator('[data-metric="count"] data').getAttribute('value'))).toBe(count.body.total.summary.value);
    await poll(() => rows.count()).toBe(top.body.issues.length);
    await poll(() => rows.first().locator('th').textContent()).toBe(first.label.zh ?? first.label.en);
    await shot(page, 'overview-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');

    await page.goto(`${api()}/#/trends?metric=negativeShare&split=product&from=${PERIOD.from}&to=${PERIOD.to}`);
    await poll(() => page.locator('.chart svg').count()).toBeGreaterThan(0);
    await shot(page, 'trends');

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
    await shot(page, 'search');

    // A facet narrows the result as the same filter does in the API: a source that holds some of the results, not all.
    const source = (answer.body.facets.source as Array<{ value: string; count: number }>).find((v) => v.count < answer.body.total);
    expect(source, 'a source holding only part of the results').toBeDefined();
    const narrowed = await getJson(`${api()}/v1/feedback/search?q=battery&source=${source!.value}&pageSize=20`, { authorization: `Bearer ${keys.product}` });
    expect(narrowed.body.total).toBe(source!.count);
    const box = page.locator('fieldset[data-facet="source"] label', { hasText: source!.value }).getByRole('checkbox');
    await box.check();
    await poll(() => page.locator('[data-total]').getAttribute('data-total')).toBe(String(narrowed.body.total));
    await box.uncheck();
    await poll(() => page.locator('[data-total]').getAttribute('data-total')).toBe(String(answer.body.total));

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
    await shot(page, 'feedback');

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
    await poll(() => page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents()).toEqual(['Overview', 'Trends', 'Search', 'Alerts', 'Alert rules', 'Pull the cord', 'Taxonomy']);
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
    await shot(page, 'rule-editor');
    await save.click();
    await poll(() => page.getByRole('status').filter({ hasText: 'Saved as version 1.' }).count()).toBe(1);
    const rules = await getJson(`${api()}/v1/alert-rules`, auth);
    expect(rules.body.rules.map((r: { spec: unknown }) => r.spec)).toEqual([{ type: 'spike', direction: 'up', groupBy: 'product', every: '12h', name: 'Daily spike per product', timeZone: TZ }]);

    // Frontline staff pull the cord through the form; at the threshold (1) an alert is raised.
    await page.goto(`${api()}/#/defects`);
    await page.getByLabel('What is wrong').fill('The charging port melts');
    await page.getByLabel('Product id').fill('p-alpha');
    await page.getByLabel('Your name').fill('store 12');
    await page.getByRole('button', { name: 'Flag the defect' }).click();
    await poll(() => page.getByText(/^Flagged\. An alert was raised/).count()).toBe(1);
    await shot(page, 'pull-the-cord');
    const [alert] = (await getJson(`${api()}/v1/alerts?state=firing&ruleId=defects`, auth)).body.transitions;
    expect(alert.group).toBe('p-alpha/any issue');
    await page.goto(`${api()}/#/alerts`);
    await poll(() => page.locator(`tr[data-alert="${alert.id}"]`).count()).toBe(1);
    await shot(page, 'alerts');
    await page.locator(`tr[data-alert="${alert.id}"] a`).click();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await poll(async () => (await getJson(`${api()}/v1/alerts/${alert.id}`, auth)).body.ackBy).toBe('CX Lead');
    await poll(() => page.getByText('acknowledged by CX Lead').count()).toBe(1);
    await page.getByRole('button', { name: 'Resolve' }).click();
    await poll(async () => (await getJson(`${api()}/v1/alerts/${alert.id}`, auth)).body.handResolvedBy).toBe('CX Lead');
    await poll(() => page.getByText('resolved by CX Lead').count()).toBeGreaterThan(0);
    await shot(page, 'alert-detail');

    await page.goto(`${api()}/#/taxonomy`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Issue taxonomy');
    await shot(page, 'taxonomy');
    await page.close();
  });

  it('gives an admin the keys and the audit log: a key made on the page is shown once and audited', async () => {
    const page = await newPage();
    await signIn(page, keys.admin, '#/keys');
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await poll(() => nav.getByRole('link').allTextContents()).toEqual(['Overview', 'Trends', 'Search', 'Alerts', 'Alert rules', 'Pull the cord', 'Taxonomy', 'API keys', 'Audit log']);
    await page.getByLabel('Who or what it is for').fill('Regional manager');
    await page.getByLabel('Role').selectOption('executive');
    await page.getByRole('button', { name: 'Make the key' }).click();
    const token = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
    expect(token).toMatch(/^voc_[a-z0-9]{12}_[\w-]{43}$/);
    const me = await getJson(`${api()}/v1/me`, { authorization: `Bearer ${token}` });
    expect(me.body).toMatchObject({ name: 'Regional manager', role: 'executive' });
    await shot(page, 'keys');
    await page.goto(`${api()}/#/audit`);
    await poll(() => page.getByText('key.create').count()).toBeGreaterThan(0);
    await poll(() => page.getByText('Regional manager').count()).toBeGreaterThan(0);
    await shot(page, 'audit');
    await page.close();
  });

  it('tells an ingest key that the console has nothing for it, and shows it no section', async () => {
    const page = await newPage();
    await signIn(page, keys.ingest);
    await poll(() => page.getByText('the console has nothing for it').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').count()).toBe(0);
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
