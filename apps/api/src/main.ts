import 'reflect-metadata';
import { bootProcess } from '@huiqi/core/bootstrap/prepare-runtime';
import { requestIdFrom } from '@huiqi/core/logging/logger-options';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation';
import { setupOpenApi } from './openapi';
import { mountQueueDashboard } from './admin-queues/queue-dashboard';

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
  // One file per request, no other fields; the size limit is enforced again, per document type, while streaming.
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.storage.maxUploadBytes, files: 1, fields: 0, parts: 1, fieldNameSize: 100 },
    throwFileSizeLimit: true,
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });
  setupOpenApi(app);
  // Bull Board at /admin/queues, admins only (see QueueDashboardAuth).
  await mountQueueDashboard(app);

  await app.listen({ port: config.api.port, host: config.api.host });
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  app.get(Logger).log(`Huiqi API listening on ${url} — docs at ${url}/docs`, 'Bootstrap');
}

void bootstrap();
