import { EnterpriseCheckService } from '@huiqi/core/auto-grants/enterprise-check.service';
import { AutoGrantSweepService } from '@huiqi/core/auto-grants/auto-grant-sweeps.service';
import { SweepRunner } from '@huiqi/core/auto-grants/sweep-runner.service';
import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { QueueName, WORKER_LOCK_DURATION_MS } from '@huiqi/queues';
import { shanghaiDate } from '@huiqi/workflow';
import { Processor } from '@nestjs/bullmq';
import { BeforeApplicationShutdown } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { OutboxJob, OutboxJobProcessor } from '../outbox/outbox-processor';

/**
 * 免申即享 jobs: sweep slices (a few seconds each, so targeted checks never wait long for a slot and a
 * shutdown hands the sweep over at the next batch), targeted checks of one enterprise (effect and the
 * outbox row's done mark in one transaction), and the nightly scheduler's tick.
 */
@Processor(QueueName.AutoGrants, { lockDuration: WORKER_LOCK_DURATION_MS, concurrency: 4 })
export class AutoGrantsProcessor
  extends OutboxJobProcessor<QueueName.AutoGrants>
  implements BeforeApplicationShutdown
{
  private stopping = false;

  constructor(
    outbox: OutboxService,
    cls: ClsService<HuiqiClsStore>,
    private readonly runner: SweepRunner,
    private readonly checks: EnterpriseCheckService,
    private readonly sweeps: AutoGrantSweepService,
  ) {
    super(outbox, cls);
  }

  /** Runs before the BullMQ workers close: sweep slices hand over at their next batch boundary. */
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  protected async handle(job: OutboxJob<QueueName.AutoGrants>) {
    const data = job.data;
    switch (data.kind) {
      case 'sweep':
        return this.runner.runSlice(data.sweepId, {
          triggerOutboxId: data.outboxId,
          shouldStop: () => this.stopping,
        });
      case 'check-enterprise': {
        const run = await this.outbox.runOnce(data.outboxId, (m) =>
          this.checks.check(m, data.enterpriseId, data.reason, data.fromFiscalYear),
        );
        return run.ran ? run.result : 'duplicate';
      }
      case 'nightly-sweeps': {
        // The night the scheduler fired for (not when the job ran), so a late or repeated run is the same night.
        const firedAt = job.opts.prevMillis ?? job.timestamp;
        const started = await this.sweeps.startScheduled(shanghaiDate(new Date(firedAt)));
        return { started: started.map((s) => s.id) };
      }
    }
  }
}
