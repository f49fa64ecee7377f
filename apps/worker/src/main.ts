import 'reflect-metadata';
import { bootProcess } from '@huiqi/core/bootstrap/prepare-runtime';
import { createRedis } from '@huiqi/queues';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { assertRedisNeverEvicts, UnsafeRedisError } from './redis-policy';
import { WorkerModule } from './worker.module';
import { exitOnQueueCoverageError } from './boot/queue-coverage';

async function bootstrap(): Promise<void> {
  const { config } = await bootProcess('worker');
  const probe = createRedis(config.redis.url, 'client', 'huiqi-worker-probe');
  try {
    await assertRedisNeverEvicts(probe);
  } catch (error) {
    if (error instanceof UnsafeRedisError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  } finally {
    probe.disconnect();
  }

  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
  }).catch(exitOnQueueCoverageError);
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT close the BullMQ workers, which finish their active jobs before the process exits.
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('Huiqi worker started', 'Bootstrap');
}

void bootstrap();
