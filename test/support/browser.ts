import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createStaff, type TestUser } from './api-client';
import { REPO_ROOT } from './processes';
import { e2eEnv } from './test-env';

/** Debian's chromium (scripts/ensure-browser.sh installs it with the CJK fonts). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(REPO_ROOT, 'tmp', 'screenshots');
const TOKEN_KEY = 'huiqi.accessToken';
const LANGUAGE_KEY = 'huiqi.language';

/** Headless chromium with a fresh profile (playwright makes a new temporary user-data-dir per launch). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The console's URL for a path inside it: consoleUrl('/applications/1') → http://127.0.0.1:port/app/applications/1. */
export function consoleUrl(path = '/'): string {
  return `${e2eEnv().apiUrl}/app${path}`;
}

export interface SessionOptions {
  /** A bearer token put in localStorage before the first page loads (a signed-in fixture). */
  token?: string;
  language?: 'zh-CN' | 'en';
}

/** A new browser context (own storage), signed in when a token is given; Beijing time zone, 1280×800. */
export async function newSession(browser: Browser, options: SessionOptions = {}): Promise<BrowserContext> {
  const localStorage = [
    ...(options.token ? [{ name: TOKEN_KEY, value: options.token }] : []),
    ...(options.language ? [{ name: LANGUAGE_KEY, value: options.language }] : []),
  ];
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    storageState: { cookies: [], origins: [{ origin: e2eEnv().apiUrl, localStorage }] },
  });
  // A bound for each wait, not a timing check: with two journeys, their api and worker and chromium on
  // a loaded 2-core machine, a registration (password hashing) and the page after it took over 30 s.
  context.setDefaultTimeout(60_000);
  return context;
}

/** A signed-in context for a new staff user of `role` in `zoneCode`, created through the admin API. */
export async function sessionAs(
  browser: Browser,
  role: string,
  zoneCode: string,
): Promise<{ context: BrowserContext; user: TestUser }> {
  const user = await createStaff(role, zoneCode);
  return { context: await newSession(browser, { token: user.token }), user };
}

/** axe-core's browser bundle, evaluated once in each document a journey scans. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Fails on serious or critical axe violations of the page as it is now, naming each.
 *
 * axe-core is run in the page directly rather than through @axe-core/playwright: its AxeBuilder
 * injected axe's 550 KB into every frame on each call and finished each run in a new blank page,
 * ~4 s a scan on a loaded machine and over half of every browser journey's time. The console is a
 * single-page app, so axe is evaluated once per document and each scan takes ~0.15 s. The same rules
 * run; frames are not entered (the console's only iframes show uploaded PDFs, not our markup).
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run({ resultTypes: ['violations'], iframes: false });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  const bad = (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`);
  expect({ page: name, violations: report }).toEqual({ page: name, violations: [] });
}

/** Codes a person must never read in the page's main area: snake_case states, outcomes and actions, kebab-case program or zone codes. */
export async function expectNoRawCodes(page: Page): Promise<void> {
  const text = await page.locator('main').first().innerText();
  expect(text.match(/\b[a-z]+_[a-z_]+\b|\b[a-z]+(?:-[a-z0-9]+){2,}\b/g) ?? []).toEqual([]);
}

/** A full-page screenshot into tmp/screenshots/<name>.png (git-ignored) to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Screenshot and axe scan: what every journey does on each page it reaches. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

/**
 * Waits until an Ant Design overlay (modal, confirm dialog, popconfirm) has finished opening: its motion
 * classes (`ant-zoom-appear`, `ant-zoom-big-enter`, ...) are gone. A click on a confirm dialog's button
 * while it was still zooming in was lost on a loaded CI machine (the dialog stayed open, no request).
 */
export async function opened(overlay: Locator): Promise<Locator> {
  await overlay.waitFor();
  await overlay
    .page()
    .waitForFunction(
      (el) =>
        !!el &&
        !/-(appear|enter)(-active|-prepare|-start)?(\s|$)/.test(
          (el as unknown as { className: string }).className,
        ),
      await overlay.elementHandle(),
    );
  return overlay;
}

/**
 * Picks an option of the antd Select labelled `label` (inside `scope`) and waits until the select shows
 * it. The option is clicked only once its dropdown has finished sliding in, and the pick is tried again
 * when the select does not show it: on a loaded CI machine a click during the dropdown's motion was lost,
 * and the form then refused the empty field ("请填写政策项目") behind a dialog that never closed.
 * `type` types the option first (a searchable select), `exact` matches the option's whole text.
 */
export async function choose(
  scope: Page | Locator,
  label: string,
  option: string,
  { type = false, exact = false }: { type?: boolean; exact?: boolean } = {},
): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  const box = scope.getByLabel(label, { exact: true });
  const select = box.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
  const text = exact ? new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : option;
  for (let attempt = 1; ; attempt++) {
    await box.click();
    if (type) await box.fill(option);
    const dropdown = await opened(page.locator('.ant-select-dropdown:visible').last());
    await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
    try {
      // antd 6 shows a single select's value in `-content-has-value`, a multiple one's in `-selection-item`s.
      await select
        .locator('.ant-select-content-has-value, .ant-select-selection-item')
        .filter({ hasText: text })
        .first()
        .waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw new Error(`the select "${label}" did not take "${option}"`, { cause: error });
    }
  }
}
