/**
 * Every BullMQ queue, declared once and imported by both apps. Each queue has exactly one processor
 * in apps/worker; the worker checks at boot that every queue here is handled.
 */
export enum QueueName {
  /** Housekeeping: expired idempotency keys, old outbox rows. */
  Maintenance = 'maintenance',
  /** Automated eligibility screening of a submitted application. */
  Screening = 'screening',
  /** Stage deadlines: reminders before, escalation or a system event after; end of publicity. */
  Deadlines = 'deadlines',
  /** Notifications about an application event, fanned out to the people who care. */
  Notifications = 'notifications',
  /** 免申即享: auto-grant sweeps over a zone's enterprises, and targeted checks when facts arrive. */
  AutoGrants = 'auto-grants',
  /** Policy sandbox (政策沙盘): a draft program version run over a zone's enterprises, report only. */
  PolicySandbox = 'policy-sandbox',
  /** One notification email to one recipient (a recorded delivery); retried on its own. */
  Email = 'email',
  /** One signed webhook call to one zone endpoint (a recorded delivery); retried on its own. */
  Webhooks = 'webhooks',
  /** A large bank statement imported and reconciled in the background (progress in Postgres; resumable). */
  StatementImports = 'statement-imports',
  /** A reviewer's bulk approval or return: each case its own transition, progress and outcomes in Postgres. */
  BulkActions = 'bulk-actions',
}

/** Job payloads by queue: ids and small values only; processors reload state and check it before acting. */
export interface JobPayloads {
  [QueueName.Maintenance]: MaintenanceJob;
  [QueueName.Screening]: ScreeningJob;
  [QueueName.Deadlines]: DeadlineJob;
  [QueueName.Notifications]: NotificationJob | DeclaredFactNoticeJob | BankAccountNoticeJob;
  [QueueName.AutoGrants]: AutoGrantJob;
  [QueueName.PolicySandbox]: PolicySandboxJob;
  [QueueName.Email]: DeliveryJob;
  [QueueName.Webhooks]: DeliveryJob;
  [QueueName.StatementImports]: StatementImportJob;
  [QueueName.BulkActions]: BulkActionJob;
}

export type MaintenanceJob = { task: 'purge-idempotency-keys' };

/** Screen submission `round` of an application (a stale round is ignored by the machine). */
export interface ScreeningJob {
  applicationId: string;
  round: number;
}

/**
 * A deadline of one stage entry (applicationId, stage, round): a reminder before it, the expiry at it
 * (escalate, or send `onExpiry` to the machine), or the end of the publicity period.
 */
export interface DeadlineJob {
  applicationId: string;
  stage: string;
  round: number;
  kind: 'reminder' | 'expiry' | 'publicity-end';
  onExpiry?: 'escalate' | 'AMENDMENT_EXPIRED' | 'OFFER_EXPIRED';
  dueAt: string;
}

/** Tell an audience about an application event (the audit event it belongs to, by sequence number). */
export interface NotificationJob {
  applicationId: string;
  template: string;
  audience: string;
  auditSeq: number;
}

/** Tells the declaring enterprise that an officer verified or refused a declared fact (一企一档). */
export interface DeclaredFactNoticeJob {
  declaredFactId: string;
  outcome: 'verified' | 'refused';
}

/**
 * Tells an enterprise's users about a change of its bank account: submitted (so a change nobody at the
 * enterprise made is noticed before finance verifies it), verified, or refused.
 */
export interface BankAccountNoticeJob {
  bankAccountChangeId: string;
  event: 'requested' | 'verified' | 'refused';
}

export type JobPayload<Q extends QueueName> = JobPayloads[Q];

/**
 * Retries set once for every queue: exponential backoff, failed jobs kept (visible in the dashboard
 * with their error, retryable by an admin), completed jobs kept a day for inspection.
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: false,
} as const;

/** Well above the slowest job, so a busy event loop does not make a healthy job look stalled. */
export const WORKER_LOCK_DURATION_MS = 120_000;

/**
 * Auto-grant work: a slice of a sweep (its progress and cursor live in Postgres, so a restarted sweep
 * resumes), a targeted check of one enterprise after new facts arrived, or the nightly job scheduler's
 * tick that starts one sweep per zone (not from the outbox: the scheduler lives in Redis).
 */
export type AutoGrantJob =
  | { kind: 'sweep'; sweepId: string }
  | {
      kind: 'check-enterprise';
      enterpriseId: string;
      reason: string;
      /** A past fiscal year the new facts speak about: that year up to the current one is re-checked. */
      fromFiscalYear?: number;
    }
  | { kind: 'nightly-sweeps' };

/** Run a policy sandbox (its parameters, progress and report live in Postgres). */
export interface PolicySandboxJob {
  runId: string;
}

/** Send one recorded notification delivery (its content, target and status live in Postgres). */
export interface DeliveryJob {
  deliveryId: string;
}

/** Import a bank statement (its file, cursor and per-line outcomes live in Postgres). */
export interface StatementImportJob {
  importId: string;
}

/** Run a bulk action (its selection, progress and per-case outcomes live in Postgres; resumable). */
export interface BulkActionJob {
  bulkActionId: string;
}

/** Queues whose jobs call systems outside Huiqi: their retries follow DELIVERY_ATTEMPTS / DELIVERY_BACKOFF_MS. */
export const DELIVERY_QUEUES: readonly QueueName[] = [QueueName.Email, QueueName.Webhooks];

/** Default job options of a queue: DEFAULT_JOB_OPTIONS, with the delivery retry schedule for DELIVERY_QUEUES. */
export function jobOptionsFor(queue: QueueName, delivery: { attempts: number; backoffMs: number }) {
  if (!DELIVERY_QUEUES.includes(queue)) return DEFAULT_JOB_OPTIONS;
  return {
    ...DEFAULT_JOB_OPTIONS,
    attempts: delivery.attempts,
    backoff: { type: 'exponential' as const, delay: delivery.backoffMs },
  };
}
