import { QueueName } from '@huiqi/queues';
import type { DeadlineExpiry, DeadlineStage, NotificationTemplate, Audience } from '@huiqi/workflow';
import type { OutboxItem } from '../outbox/outbox.service';

const DAY_MS = 24 * 3600 * 1000;

/** The outbox jobs of a stage deadline: a reminder a day before (when the stage is long enough), the expiry at it. */
export function stageDeadlineJobs(input: {
  applicationId: string;
  stage: DeadlineStage;
  round: number;
  onExpiry: DeadlineExpiry;
  now: Date;
  dueAt: Date;
}): OutboxItem[] {
  const { applicationId, stage, round, now, dueAt } = input;
  const base = { applicationId, stage, round, dueAt: dueAt.toISOString() };
  const key = `deadline:${applicationId}:${stage}:${round}`;
  const jobs: OutboxItem[] = [];
  const remindAt = new Date(dueAt.getTime() - DAY_MS);
  if (remindAt.getTime() - now.getTime() > DAY_MS / 2) {
    jobs.push({
      queue: QueueName.Deadlines,
      jobName: 'reminder',
      payload: { ...base, kind: 'reminder' },
      availableAt: remindAt,
      dedupKey: `${key}:reminder`,
    });
  }
  jobs.push({
    queue: QueueName.Deadlines,
    jobName: 'expiry',
    payload: { ...base, kind: 'expiry', onExpiry: input.onExpiry },
    availableAt: dueAt,
    dedupKey: `${key}:expiry`,
  });
  return jobs;
}

/** Tell an audience about the application event recorded as audit event `auditSeq`. */
export function notificationJob(
  applicationId: string,
  template: NotificationTemplate,
  audience: Audience,
  auditSeq: number,
): OutboxItem {
  return {
    queue: QueueName.Notifications,
    jobName: template,
    payload: { applicationId, template, audience, auditSeq },
  };
}
