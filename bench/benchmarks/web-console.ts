import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { Benchmark } from '../lib/context';
import { measureApp } from '../lib/interleave';
import { REPO_ROOT } from '../lib/processes';
import { missing, row } from '../lib/report';

const NAME = 'web console';
const WEB_DIR = join(REPO_ROOT, 'dist', 'web');
const LOADS = 7;

/** Gzipped bytes of the JavaScript the console's index.html loads before any route (entry + modulepreloads). */
function initialJavaScriptGzipBytes(): number {
  const html = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/app\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(WEB_DIR, file)), { level: 9 }).length,
    0,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * The console's initial JavaScript (gzipped; goal ≤ 300 kB, each role area split into its own chunk) and
 * the signed-in home page's time to interactive in headless chromium: navigation start until the home's
 * heading is on screen (bundle, /auth/me, /zones and the lazy home chunk done), a fresh context each load.
 * Beside it, GET /auth/me measured in the same run.
 */
export const webConsoleBenchmark: Benchmark = {
  name: 'web',
  title: 'Web console',
  async run(ctx) {
    const { fixtures, stack } = ctx;
    if (!existsSync(join(WEB_DIR, 'index.html')))
      return { rows: [missing(NAME, 'initial JS', 'dist/web not built (npm run web:build)')], details: {} };
    const initialKb = initialJavaScriptGzipBytes() / 1024;
    const { enterprises } = await fixtures.zoneCast();
    const token = enterprises[0].token;

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
    const loads: number[] = [];
    try {
      for (let i = 0; i <= LOADS; i++) {
        const context = await browser.newContext({
          storageState: {
            cookies: [],
            origins: [{ origin: stack.apiUrl, localStorage: [{ name: 'huiqi.accessToken', value: token }] }],
          },
        });
        const page = await context.newPage();
        await page.goto(`${stack.apiUrl}/app/`);
        await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60_000 });
        const ms = await page.evaluate<number>('performance.now()');
        if (i > 0) loads.push(ms); // the first load warms the server's file cache
        await context.close();
      }
    } finally {
      await browser.close();
    }
    ctx.log(`home page interactive in ${loads.map((l) => l.toFixed(0)).join(', ')} ms`);
    const me = await measureApp(stack, {
      url: stack.apiUrl,
      method: 'GET',
      connections: 1,
      amount: 200,
      request: () => ({ path: '/auth/me', headers: { authorization: `Bearer ${token}` } }),
    });
    return {
      rows: [
        row(NAME, 'initial JS (gzip)', 'kB', initialKb, null, null, 'goal ≤ 300 kB'),
        row(
          NAME,
          'home time to interactive',
          'ms',
          median(loads),
          me.load.latency.p50,
          null,
          'baseline: GET /auth/me median',
        ),
      ],
      details: { initialKb, loadsMs: loads, authMeMedianMs: me.load.latency.p50 },
    };
  },
};
