import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The Content-Security-Policy of every answer. What it must allow, and why:
 * - scripts from this origin only: Swagger UI (/docs) and Bull Board (/admin/queues) load theirs as
 *   files, and the web console (/app/, a Vite build) has no inline script; no eval.
 * - inline styles: Ant Design and Bull Board inject <style> tags and style attributes; Swagger UI's
 *   page has an inline <style>.
 * - images and fonts from this origin, data: and blob: (Swagger UI's icons, generated charts).
 * - nothing may frame these pages (frame-ancestors), no plugins, forms post back here only.
 * - frames from this origin and blob: only: the staff console previews a case's PDF in an iframe from a
 *   blob: URL it fetched with the bearer token (a plain link would carry no token).
 * Bull Board asks for its web font at fonts.googleapis.com; that stays blocked (system fonts instead).
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Not `upgrade-insecure-requests`: it would break a plain-http local run; TLS deployments use HSTS.
  upgradeInsecureRequests: null,
};

/**
 * Security headers on every answer through @fastify/helmet: the CSP above, `X-Content-Type-Options:
 * nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`, HSTS and the cross-origin
 * policies. Registered before any route (the queue board included) so every answer carries them.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}
