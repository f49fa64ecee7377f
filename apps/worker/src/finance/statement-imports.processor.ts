import { HuiqiClsStore } from '@huiqi/core/context/request-context';
import { StatementFile, StatementImportService } from '@huiqi/core/finance/statement-import.service';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { QueueName, WORKER_LOCK_DURATION_MS } from '@huiqi/queues';
import { Processor } from '@nestjs/bullmq';
import { ClsService } from 'nestjs-cls';
import { OutboxJob, OutboxJobProcessor } from '../outbox/outbox-processor';

/**
 * Large bank statements, imported in the background. Every step (a chunk of lines stored, or a chunk
 * of payments settled) is a transaction of its own that advances the import's progress, so a job that
 * dies resumes where the last committed step left off, and a job delivered twice finds nothing left
 * to do. The counts, the audit event and the outbox row's done mark commit together. When its attempts
 * run out the import is marked failed (with the error); an admin's retry of the job resumes it. A
 * shutdown lets the running import finish (seconds for 100,000 lines), like every other job.
 */
@Processor(QueueName.StatementImports, { lockDuration: WORKER_LOCK_DURATION_MS, concurrency: 2 })
export class StatementImportsProcessor extends OutboxJobProcessor<QueueName.StatementImports> {
  constructor(
    outbox: OutboxService,
    cls: ClsService<HuiqiClsStore>,
    private readonly statements: StatementImportService,
  ) {
    super(outbox, cls);
  }

  protected async handle(job: OutboxJob<QueueName.StatementImports>) {
    const { importId, outboxId } = job.data;
    try {
      let file: Promise<StatementFile> | null = null;
      const readFile = () => (file ??= this.statements.readFile(importId));
      // Read (and parse) the file before the first step, not inside its transaction, when lines remain to load.
      const statement = await this.statements.find(importId);
      if (statement && statement.status !== 'completed' && statement.linesLoaded < statement.lineCount) {
        await readFile();
      }
      let steps = 0;
      for (;;) {
        const step = await this.statements.step(importId, readFile);
        if (step === 'gone') break;
        if (step === 'ready') {
          const done = await this.outbox.runOnce(outboxId, (m) => this.statements.finish(m, importId));
          return done.ran ? { status: done.result.status, counts: done.result.counts } : 'duplicate';
        }
        steps += 1;
        if (steps % 5 === 0) await job.updateProgress({ steps });
      }
      // Completed already (a redelivered job): only the outbox row may still need its mark.
      const marked = await this.outbox.runOnce(outboxId, async () => 'completed');
      return marked.ran ? 'completed' : 'duplicate';
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.statements.fail(importId, (error as Error).message);
      }
      throw error;
    }
  }
}
