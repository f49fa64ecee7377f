import { bullConnection, QueueName } from '@huiqi/queues';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Test, TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { e2eEnv } from '../../../../test/support/test-env';
import { JobSchedulesService, SCHEDULES } from './job-schedules.service';

/** The schedules live only in Redis; the service puts them back after Redis lost them. */
describe('JobSchedulesService', () => {
  let moduleRef: TestingModule;
  const prefix = `huiqi-schedules-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        BullModule.forRoot({ connection: bullConnection(e2eEnv().redisUrl, 'worker'), prefix }),
        BullModule.registerQueue({ name: QueueName.Maintenance }, { name: QueueName.AutoGrants }),
      ],
      providers: [JobSchedulesService],
    }).compile();
    await moduleRef.init();
  });

  afterAll(async () => {
    for (const name of [QueueName.Maintenance, QueueName.AutoGrants]) {
      await moduleRef.get<Queue>(getQueueToken(name)).obliterate({ force: true });
    }
    await moduleRef.close();
  });

  const schedulerIds = async () => {
    const ids: string[] = [];
    for (const name of [QueueName.Maintenance, QueueName.AutoGrants]) {
      ids.push(...(await moduleRef.get<Queue>(getQueueToken(name)).getJobSchedulers()).map((s) => s.key));
    }
    return ids.sort();
  };

  it('registers every schedule at boot, once however often it runs', async () => {
    await moduleRef.get(JobSchedulesService).upsertAll();
    expect(await schedulerIds()).toEqual(SCHEDULES.map((s) => s.id).sort());
  });

  it('restores schedules a Redis data loss removed', async () => {
    for (const s of SCHEDULES) await moduleRef.get<Queue>(getQueueToken(s.queue)).removeJobScheduler(s.id);
    expect(await schedulerIds()).toEqual([]);
    await moduleRef.get(JobSchedulesService).upsertAll();
    expect(await schedulerIds()).toEqual(SCHEDULES.map((s) => s.id).sort());
  });
});
