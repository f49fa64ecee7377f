import { api } from '../support/api-client';

describe('web console: served by the API under /app/', () => {
  it('redirects / to /app/ and answers console routes with index.html, never cached', async () => {
    const root = await api().get('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/app/');

    for (const path of ['/app/', '/app/applications/123', '/app/sign-in?returnTo=%2F']) {
      const res = await api().get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year, and a missing asset is 404, not the page', async () => {
    const html = (await api().get('/app/')).text;
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const res = await api().get(script as string);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await api().get('/app/assets/missing-0000.js')).status).toBe(404);
  });

  it('leaves the API paths as they are', async () => {
    expect((await api().get('/auth/me')).status).toBe(401);
    expect((await api().get('/docs-json')).status).toBe(200);
    expect((await api().get('/zones')).status).toBe(200);
  });
});
