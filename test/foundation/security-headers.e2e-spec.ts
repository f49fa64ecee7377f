import { adminToken, api, bearer } from '../support/api-client';
import { e2eEnv } from '../support/test-env';

/** The CSP header as a map of directive -> sources. */
function csp(header: string | undefined): Record<string, string[]> {
  expect(header).toBeDefined();
  return Object.fromEntries(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

interface PageResources {
  scripts: string[];
  inlineScripts: string[];
  styles: string[];
  images: string[];
}

/** What a page asks the browser to load (script/link/img tags), resolved against its base URL. */
function resourcesOf(html: string, pageUrl: string): PageResources {
  const base = new URL(/<base href="([^"]+)"/.exec(html)?.[1] ?? pageUrl, pageUrl);
  const attr = (tag: string, name: string) => new RegExp(`${name}=["']([^"']+)["']`).exec(tag)?.[1];
  const scripts: string[] = [];
  const inlineScripts: string[] = [];
  for (const [, open, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = attr(open, 'src');
    if (src) scripts.push(new URL(src, base).href);
    else if (!/type=["']application\/json["']/.test(open) && body.trim()) inlineScripts.push(body);
  }
  const styles = [...html.matchAll(/<link[^>]*rel=["']?stylesheet["']?[^>]*>/g)].map(
    ([tag]) => new URL(attr(tag, 'href')!, base).href,
  );
  const images = [...html.matchAll(/<(?:img|link)[^>]*(?:src|href)=["']([^"']+\.(?:png|svg|ico))["']/g)].map(
    ([, href]) => new URL(href, base).href,
  );
  return { scripts, inlineScripts, styles, images };
}

async function fetchAs(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers, redirect: 'follow' });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    url: res.url,
    body: await res.text(),
  };
}

describe('security headers (@fastify/helmet)', () => {
  const origin = () => new URL(e2eEnv().apiUrl).origin;

  it('every answer carries the CSP, nosniff, frame and referrer policies', async () => {
    for (const res of [
      await api().get('/health/live'),
      await api().post('/auth/login').send({}),
      await api().get('/no-such-route'),
    ]) {
      const policy = csp(res.headers['content-security-policy']);
      expect(policy['default-src']).toEqual(["'self'"]);
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:']);
      expect(policy['frame-ancestors']).toEqual(["'none'"]);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(policy['frame-src']).toEqual(["'self'", 'blob:']);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it.each([
    ['Swagger UI', '/docs', false],
    ['the queue board', '/admin/queues', true],
  ])(
    '%s still works under the policy: same-origin scripts served as JavaScript, no inline script',
    async (_, path, needsAdmin) => {
      const auth: Record<string, string> = needsAdmin ? bearer(await adminToken()) : {};
      const page = await fetchAs(`${e2eEnv().apiUrl}${path}`, auth);
      expect(page.status).toBe(200);
      expect(page.type).toMatch(/^text\/html/);
      const { scripts, inlineScripts, styles, images } = resourcesOf(page.body, page.url);
      expect(scripts.length).toBeGreaterThan(0);
      // script-src 'self' without 'unsafe-inline': an inline script would not run.
      expect(inlineScripts).toEqual([]);
      for (const url of scripts) {
        expect(new URL(url).origin).toBe(origin());
        const script = await fetchAs(url, auth);
        expect(script.status).toBe(200);
        // nosniff: a script served under another type would be refused by the browser.
        expect(script.type).toMatch(/^(text|application)\/javascript/);
      }
      for (const url of styles.filter((u) => new URL(u).origin === origin())) {
        const style = await fetchAs(url, auth);
        expect(style.status).toBe(200);
        expect(style.type).toMatch(/^text\/css/);
      }
      for (const url of images) expect(new URL(url).origin).toBe(origin());
    },
  );

  it('downloads stay attachments, with the same headers', async () => {
    const res = await api()
      .get('/reports/sla')
      .query({ zone: 'ningxiang-htz', format: 'csv' })
      .set(bearer(await adminToken()));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(csp(res.headers['content-security-policy'])['default-src']).toEqual(["'self'"]);
  });
});
