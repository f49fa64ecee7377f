import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where `npm run web:build` puts the console: dist/web at the repository root (beside package.json). */
export function consoleBundleDir(from: string = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Huiqi console not built</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto"><h1>The web console is not built</h1>
<p>This API serves the console from <code>dist/web</code>, which does not exist. Build it with
<code>npm run web:build</code> (or <code>npm run build</code>) and reload, or run the Vite dev server:
<code>npm run web:dev</code>.</p><p>控制台尚未构建：请运行 <code>npm run web:build</code>。</p></body></html>`;

/**
 * Serves the web console under /app/: hashed assets cached for a year, any other /app/... path that is
 * not a file answers index.html (the SPA's router takes it from there) and is never cached; `/` redirects
 * to /app/. Without a built bundle /app/ answers 503 saying how to build it. The API's own paths are
 * untouched (these routes live on Fastify directly, outside Nest's guards).
 */
export async function serveConsole(
  app: Pick<NestFastifyApplication, 'getHttpAdapter' | 'register'>,
  root: string = consoleBundleDir(),
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_request, reply) => reply.redirect('/app/', 302));

  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    const notBuilt = (_request: unknown, reply: FastifyReply) =>
      reply
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(NOT_BUILT_PAGE);
    fastify.get('/app', notBuilt);
    fastify.get('/app/*', notBuilt);
    return;
  }

  const indexHtml = readFileSync(indexFile);
  const sendIndex = (_request: unknown, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);

  // Loaded here, not at the top: only a built console needs it (and jest cannot load its ESM dependency).
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, {
    root,
    prefix: '/app/',
    // Swagger UI registers @fastify/static too; this instance must not decorate reply a second time.
    decorateReply: false,
    // One route per built file; everything else under /app/ falls to the SPA route below.
    wildcard: false,
    index: false,
    // Vite names every file under assets/ by its content hash: safe to cache for good.
    setHeaders(reply, path) {
      const hashed = path.startsWith(join(root, 'assets'));
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get('/app', (_request, reply) => reply.redirect('/app/', 301));
  fastify.get('/app/', sendIndex);
  // A missing hashed file is a stale or broken page, not a route of the console: say so.
  fastify.get('/app/assets/*', (_request, reply) => reply.code(404).type('text/plain').send('Not found'));
  fastify.get('/app/*', sendIndex);
}
