import { QueueName } from '@huiqi/queues';

/** Some queue has no processor (its jobs would pile up unseen) or several (they would race). */
export class QueueCoverageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Every queue needs exactly one processor:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'QueueCoverageError';
  }
}

/** The processors found, by class name and queue, checked against every queue of QueueName. */
export function queueCoverageProblems(
  processors: readonly { processor: string; queue: string }[],
  queues: readonly string[] = Object.values(QueueName),
): string[] {
  const problems: string[] = [];
  for (const queue of queues) {
    const handlers = processors.filter((p) => p.queue === queue).map((p) => p.processor);
    if (handlers.length === 0) problems.push(`queue "${queue}" has no processor`);
    if (handlers.length > 1)
      problems.push(`queue "${queue}" has ${handlers.length} processors: ${handlers.join(', ')}`);
  }
  for (const p of processors) {
    if (!queues.includes(p.queue))
      problems.push(`${p.processor} processes "${p.queue}", which is not a queue of QueueName`);
  }
  return problems;
}

/** Prints the coverage problem plainly (no stack trace) and exits; anything else is rethrown. */
export function exitOnQueueCoverageError(error: unknown): never {
  if (error instanceof QueueCoverageError) {
    process.stderr.write(
      `${error.message}\nRegister the missing processor in apps/worker/src/worker.module.ts.\n`,
    );
    process.exit(70); // EX_SOFTWARE
  }
  throw error;
}
