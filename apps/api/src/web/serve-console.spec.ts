import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleBundleDir, serveConsole } from './serve-console';

/** serveConsole needs only Nest's Fastify instance: give it a bare one. */
function asNestApp(fastify: FastifyInstance) {
  return {
    getHttpAdapter: () => ({ getInstance: () => fastify }),
    register: (plugin: never, options: never) => fastify.register(plugin, options),
  } as unknown as Pick<NestFastifyApplication, 'getHttpAdapter' | 'register'>;
}

describe('serveConsole', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huiqi-web-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 503 with a page saying how to build when the bundle is missing', async () => {
    const fastify = Fastify();
    await serveConsole(asNestApp(fastify), join(dir, 'absent'));
    const res = await fastify.inject({ url: '/app/applications/1' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run web:build');
    expect((await fastify.inject({ url: '/' })).headers.location).toBe('/app/');
    await fastify.close();
  });

  // Serving a built bundle (files, SPA fallback, caching) is tested through the real API: test/web/serve-console.e2e-spec.ts.

  it('finds dist/web beside the repository’s package.json', () => {
    expect(consoleBundleDir(__dirname)).toBe(join(__dirname, '..', '..', '..', '..', 'dist', 'web'));
  });
});
