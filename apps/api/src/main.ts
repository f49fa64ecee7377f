import 'reflect-metadata';
import { bootProcess } from '@huiqi/core/bootstrap/prepare-runtime';
import { requestIdFrom } from '@huiqi/core/logging/logger-options';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { registerSecurityHeaders } from './http/security-headers';
import { MAX_BODY_DEPTH, nestsDeeperThan, tooDeepIssue } from './http/body-shape';
import { createValidationPipe, RequestValidationException } from './http/validation';
import { setupOpenApi } from './openapi';
import { mountQueueDashboard } from './admin-queues/queue-dashboard';
import { serveConsole } from './web/serve-console';

async function bootstrap(): Promise<void> {
  const { config } = await bootProcess('api');

  const adapter = new FastifyAdapter({
    genReqId: requestIdFrom,
    trustProxy: config.api.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  await registerSecurityHeaders(app);
  // One file per request, no other fields; the size limit is enforced again, per document type, while streaming.
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.storage.maxUploadBytes, files: 1, fields: 0, parts: 1, fieldNameSize: 100 },
    throwFileSizeLimit: true,
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Before guards, interceptors and pipes, all of which may walk the body recursively.
  fastify.addHook('preValidation', async (request) => {
    if (nestsDeeperThan(request.body, MAX_BODY_DEPTH)) throw new RequestValidationException([tooDeepIssue()]);
  });
  setupOpenApi(app);
  // Bull Board at /admin/queues, admins only (see QueueDashboardAuth).
  await mountQueueDashboard(app);
  // The web console under /app/ (dist/web), `/` redirecting to it.
  await serveConsole(app);

  await app.listen({ port: config.api.port, host: config.api.host });
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  app.get(Logger).log(`Huiqi API listening on ${url} — docs at ${url}/docs`, 'Bootstrap');
}

void bootstrap();
