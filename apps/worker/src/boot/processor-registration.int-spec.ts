import { bullConnection, QueueName } from '@huiqi/queues';
import { BullModule, getQueueToken, Processor, WorkerHost } from '@nestjs/bullmq';
import { Test, TestingModule } from '@nestjs/testing';
import { Job, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { e2eEnv } from '../../../../test/support/test-env';
import { QueueCoverageError } from './queue-coverage';
import { WorkerBootModule } from './worker-boot.module';

type Handler = (job: Job) => Promise<unknown>;

function processorFor(queue: string, handler: Handler) {
  @Processor(queue)
  class QueueProcessor extends WorkerHost {
    process(job: Job): Promise<unknown> {
      return handler(job);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}-processor` });
  return QueueProcessor;
}

/** The boot check and the shutdown order, with real BullMQ workers on the run's Redis (a prefix of their own). */
describe('ProcessorRegistration', () => {
  const prefix = `huiqi-boot-${randomBytes(4).toString('hex')}`;

  afterAll(async () => {
    // The workers leave each queue's meta key behind; the run's Redis is shared, so leave it as found.
    const redis = new IORedis(e2eEnv().redisUrl);
    try {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  });

  function build(handlers: Partial<Record<QueueName, Handler>>): Promise<TestingModule> {
    return Test.createTestingModule({
      imports: [
        BullModule.forRoot({
          connection: bullConnection(e2eEnv().redisUrl, 'worker'),
          prefix,
          extraOptions: { manualRegistration: true },
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
        WorkerBootModule,
      ],
      providers: Object.entries(handlers).map(([queue, handler]) => processorFor(queue, handler)),
    }).compile();
  }

  const idle: Handler = async () => 'ok';
  const every = (overrides: Partial<Record<QueueName, Handler>> = {}) =>
    Object.fromEntries(Object.values(QueueName).map((q) => [q, overrides[q] ?? idle])) as Record<
      QueueName,
      Handler
    >;

  it('refuses to start when a queue has no processor, naming it, and starts no worker', async () => {
    const handlers: Partial<Record<QueueName, Handler>> = every();
    delete handlers[QueueName.Webhooks];
    const moduleRef = await build(handlers);
    const init = moduleRef.init();
    await expect(init).rejects.toThrow(QueueCoverageError);
    await expect(init).rejects.toThrow('queue "webhooks" has no processor');
    // A failed init never reaches the shutdown hooks that close the queues' connections.
    await Promise.all(
      Object.values(QueueName).map((name) => moduleRef.get<Queue>(getQueueToken(name)).close()),
    );
  });

  it('on shutdown lets the active job finish before anything else closes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let runs = 0;
    const moduleRef = await build(
      every({
        [QueueName.Maintenance]: async () => {
          runs++;
          started();
          await gate;
          return 'finished';
        },
      }),
    );
    await moduleRef.init();
    const queue = moduleRef.get<Queue>(getQueueToken(QueueName.Maintenance));
    const job = await queue.add('slow', { task: 'purge-idempotency-keys' });
    await running;
    let closed = false;
    const closing = moduleRef.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(closed).toBe(false); // still waiting for the job
    release();
    await closing;

    const inspector = new Queue(QueueName.Maintenance, {
      connection: { url: e2eEnv().redisUrl },
      prefix,
    });
    try {
      expect(await (await inspector.getJob(job.id!))?.getState()).toBe('completed');
      expect(runs).toBe(1);
    } finally {
      await inspector.obliterate({ force: true });
      await inspector.close();
    }
  });
});
