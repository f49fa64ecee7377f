/**
 * Regenerates apps/web/src/lib/api/schema.d.ts from the API's OpenAPI document.
 *
 * By default the document is built from the Nest application in preview mode (modules and controllers
 * are scanned, no provider is instantiated): no database, Redis or listening server is needed. With
 * API_URL set, the document of that running API (`$API_URL/docs-json`) is used instead.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@huiqi/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../apps/api/src/app.module';
import { buildOpenApiDocument } from '../apps/api/src/openapi';
import { typesFromDocument } from './web-api-types.lib';

export const SCHEMA_FILE = join(__dirname, '..', 'apps', 'web', 'src', 'lib', 'api', 'schema.d.ts');

/** The API's OpenAPI document, built without connecting to anything (Nest preview mode). */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  // The config refuses to start without real secrets; nothing here signs or hashes anything, and
  // nothing listens, so throwaway random ones will do.
  for (const name of ['JWT_SECRET', 'ID_HASH_SECRET']) process.env[name] ??= randomBytes(32).toString('hex');
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(loadConfig()),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    return buildOpenApiDocument(app) as unknown as Record<string, unknown>;
  } finally {
    await app.close().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const url = process.env.API_URL;
  const document = url
    ? ((await (await fetch(`${url.replace(/\/$/, '')}/docs-json`)).json()) as Record<string, unknown>)
    : await openApiDocument();
  const types = await typesFromDocument(document);
  if (process.argv.includes('--check')) {
    // Used by test/web/api-types.e2e-spec.ts: is the committed file what this document gives?
    if (readFileSync(SCHEMA_FILE, 'utf8') !== types) {
      process.stderr.write(`${SCHEMA_FILE} is stale: run npm run web:api-types and commit it\n`);
      process.exit(1);
    }
    process.stdout.write('schema.d.ts is up to date\n');
    return;
  }
  writeFileSync(SCHEMA_FILE, types);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
