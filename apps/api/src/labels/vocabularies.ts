import { LocalizedText, Role } from '@huiqi/common';
import { LineOutcome } from '@huiqi/core/finance/statement-lines';
import {
  APPLICATION_STATE_LABELS,
  STAGE_LABEL_TEXTS,
  WORKFLOW_ACTION_LABELS,
} from '@huiqi/core/i18n/workflow-labels';
import { TEMPLATES, TemplateKey } from '@huiqi/core/notifications/templates';
import { QueueName } from '@huiqi/queues';
import type { AutoGrantSweepStatus } from '@huiqi/database/entities/auto-grant-sweep.entity';
import type { DeliveryStatus } from '@huiqi/database/entities/notification-delivery.entity';
import type { BankStatementImportStatus } from '@huiqi/database/entities/bank-statement-import.entity';
import type { ClawbackReceivableEntity } from '@huiqi/database/entities/clawback-receivable.entity';
import type { DisbursementBatchState } from '@huiqi/database/entities/disbursement-batch.entity';
import type { LedgerJournalKind } from '@huiqi/database/entities/ledger-journal.entity';
import {
  Beneficiary,
  FACT_KEYS,
  FactKey,
  FactSource,
  FormFieldType,
  GrantPeriod,
  ProgramCategory,
  ProgramMode,
  SEED_CATALOG,
  VersionLifecycle,
} from '@huiqi/policies';

/**
 * What a person reads for every code the API returns. Each table is a `Record` over the code's own
 * type, so a new state, action, category… without its label does not compile.
 */
type Labels<K extends string> = Record<K, LocalizedText>;

export const PROGRAM_CATEGORY_LABELS: Labels<ProgramCategory> = {
  talent: { zh: '人才引进', en: 'Talent' },
  platform: { zh: '平台建设', en: 'Platforms' },
  plant: { zh: '多层厂房', en: 'Multi-storey plants' },
  rent: { zh: '厂房租金', en: 'Plant rent' },
  equipment: { zh: '设备投资', en: 'Equipment' },
  listing: { zh: '企业上市', en: 'Listing' },
  rnd: { zh: '研发投入', en: 'R&D investment' },
  'future-industry': { zh: '未来产业', en: 'Future industries' },
  'achievement-transformation': { zh: '成果转化', en: 'Achievement transformation' },
  recognition: { zh: '资质认定', en: 'Recognitions' },
  'investment-introduction': { zh: '招商引资', en: 'Investment introduction' },
  'talent-project': { zh: '人才项目', en: 'Talent projects' },
  entrepreneurship: { zh: '创新创业', en: 'Entrepreneurship' },
  'high-tech': { zh: '高新技术企业', en: 'High-tech enterprises' },
};

export const PROGRAM_MODE_LABELS: Labels<ProgramMode> = {
  apply: { zh: '依申请', en: 'On application' },
  auto: { zh: '免申即享', en: 'Granted without application' },
  commitment: { zh: '告知承诺制', en: 'Commitment-based approval' },
};

export const BENEFICIARY_LABELS: Labels<Beneficiary> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  person: { zh: '个人', en: 'Individual' },
  investor: { zh: '投资方', en: 'Investor' },
};

export const GRANT_PERIOD_LABELS: Labels<GrantPeriod> = {
  once: { zh: '一次性', en: 'Once' },
  'fiscal-year': { zh: '按年度', en: 'Per fiscal year' },
};

export const FORM_FIELD_TYPE_LABELS: Labels<FormFieldType> = {
  string: { zh: '文本', en: 'Text' },
  text: { zh: '长文本', en: 'Long text' },
  integer: { zh: '整数', en: 'Whole number' },
  money_fen: { zh: '金额（元）', en: 'Amount (yuan)' },
  area_m2: { zh: '面积（平方米）', en: 'Area (m²)' },
  date: { zh: '日期', en: 'Date' },
  boolean: { zh: '是/否', en: 'Yes/no' },
  enum: { zh: '选项', en: 'Choice' },
  id_number: { zh: '身份证号码', en: 'Resident ID number' },
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code' },
};

export const ROLE_LABELS: Labels<Role> = {
  enterprise: { zh: '企业用户', en: 'Enterprise user' },
  officer: { zh: '经办人（初审）', en: 'Officer (first review)' },
  director: { zh: '复审审批人', en: 'Director' },
  expert: { zh: '评审专家', en: 'Expert reviewer' },
  finance: { zh: '财务人员', en: 'Finance staff' },
  policy_admin: { zh: '政策管理员', en: 'Policy admin' },
  auditor: { zh: '审计人员', en: 'Auditor' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export const FACT_SOURCE_LABELS: Labels<FactSource> = {
  tax_bureau: { zh: '税务部门', en: 'Tax bureau' },
  market_regulation: { zh: '市场监管部门', en: 'Market regulation' },
  science_technology_bureau: { zh: '科技部门', en: 'Science and technology bureau' },
  stock_exchange: { zh: '证券交易所', en: 'Stock exchange' },
  human_resources: { zh: '人社部门', en: 'Human resources bureau' },
  self_declared: { zh: '企业自主申报', en: 'Declared by the enterprise' },
  officer: { zh: '经办人录入', en: 'Recorded by an officer' },
};

export const FACT_KEY_LABELS: Labels<FactKey> = Object.fromEntries(
  Object.entries(FACT_KEYS).map(([key, def]) => [key, { zh: def.label.zh, en: def.label.en }]),
) as Labels<FactKey>;

export const RECONCILIATION_OUTCOME_LABELS: Labels<LineOutcome> = {
  matched: { zh: '已匹配', en: 'Matched' },
  returned: { zh: '银行退回', en: 'Returned by the bank' },
  recovered: { zh: '已追回入账', en: 'Recovered' },
  amount_mismatch: { zh: '金额不符', en: 'Amount mismatch' },
  unknown_reference: { zh: '无法识别的编号', en: 'Unknown reference' },
  already_settled: { zh: '此前已处理', en: 'Already settled' },
  needs_review: { zh: '待人工核对', en: 'Needs review' },
  duplicate: { zh: '重复流水', en: 'Duplicate line' },
  invalid: { zh: '无效行', en: 'Invalid line' },
};

export const BATCH_STATE_LABELS: Labels<DisbursementBatchState> = {
  draft: { zh: '草稿', en: 'Draft' },
  locked: { zh: '已锁定', en: 'Locked' },
  exported: { zh: '已导出支付文件', en: 'Payment file exported' },
  settled: { zh: '已结清', en: 'Settled' },
  partly_settled: { zh: '部分结清', en: 'Partly settled' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const STATEMENT_STATUS_LABELS: Labels<BankStatementImportStatus> = {
  queued: { zh: '排队中', en: 'Queued' },
  running: { zh: '导入中', en: 'Importing' },
  completed: { zh: '已完成', en: 'Completed' },
  failed: { zh: '导入失败', en: 'Failed' },
};

export const CLAWBACK_STATE_LABELS: Labels<ClawbackReceivableEntity['state']> = {
  open: { zh: '追回中', en: 'Open' },
  settled: { zh: '已追回', en: 'Settled' },
};

export const POOL_MOVEMENT_LABELS: Labels<LedgerJournalKind> = {
  allocate: { zh: '下达额度', en: 'Allocation' },
  deallocate: { zh: '调减额度', en: 'Allocation reduced' },
  reserve: { zh: '预留资金', en: 'Reservation' },
  release: { zh: '释放预留', en: 'Reservation released' },
  pay: { zh: '拨付', en: 'Payment' },
  clawback: { zh: '发起追回', en: 'Clawback' },
  recover: { zh: '追回到账', en: 'Recovery' },
};

/** A notification's kind is named by its subject without the reference (`申请已提交：{ref}` → 申请已提交). */
export const NOTIFICATION_KIND_LABELS: Labels<TemplateKey> = Object.fromEntries(
  Object.entries(TEMPLATES).map(([key, t]) => {
    const strip = (s: string) => s.replace(/\s*[：:]\s*\{ref\}$/, '');
    return [key, { zh: strip(t['zh-CN'].subject), en: strip(t.en.subject) }];
  }),
) as Labels<TemplateKey>;

/** Declared facts (一企一档): pending an officer's check, verified, or refused. */
export const DECLARED_FACT_STATUSES = ['pending', 'verified', 'refused'] as const;
export const DECLARED_FACT_STATUS_LABELS: Labels<(typeof DECLARED_FACT_STATUSES)[number]> = {
  pending: { zh: '待核验', en: 'Pending verification' },
  verified: { zh: '已核验', en: 'Verified' },
  refused: { zh: '未通过核验', en: 'Refused' },
};

/** Bank account changes (issue 12): waiting for a zone finance user's verification, or decided. */
export const BANK_ACCOUNT_CHANGE_STATE_LABELS: Labels<'pending' | 'verified' | 'refused' | 'superseded'> = {
  pending: { zh: '待核验', en: 'Awaiting verification' },
  verified: { zh: '已核验生效', en: 'Verified' },
  refused: { zh: '已驳回', en: 'Refused' },
  superseded: { zh: '已被新变更取代', en: 'Superseded' },
};

/** Email and webhook deliveries (admin console: failed deliveries, a webhook's delivery state). */
export const DELIVERY_STATUS_LABELS: Labels<DeliveryStatus> = {
  pending: { zh: '待投递', en: 'Pending' },
  retrying: { zh: '重试中', en: 'Retrying' },
  sent: { zh: '已送达', en: 'Delivered' },
  failed: { zh: '投递失败', en: 'Failed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const DELIVERY_CHANNEL_LABELS: Labels<'email' | 'webhook'> = {
  email: { zh: '电子邮件', en: 'Email' },
  webhook: { zh: 'Webhook 推送', en: 'Webhook' },
};

/** Auto-grant sweeps (免申即享 批量核查). */
export const SWEEP_STATUS_LABELS: Labels<AutoGrantSweepStatus> = {
  pending: { zh: '排队中', en: 'Queued' },
  running: { zh: '核查中', en: 'Running' },
  completed: { zh: '已完成', en: 'Completed' },
  failed: { zh: '失败', en: 'Failed' },
};

export const SWEEP_TRIGGER_LABELS: Labels<'manual' | 'schedule'> = {
  manual: { zh: '手动发起', en: 'Started by hand' },
  schedule: { zh: '每晚定时', en: 'Nightly schedule' },
};

/** Background work queues, as the admin console names failed outbox work. */
export const QUEUE_LABELS: Labels<QueueName> = {
  [QueueName.Maintenance]: { zh: '系统维护', en: 'Maintenance' },
  [QueueName.Screening]: { zh: '自动预审', en: 'Screening' },
  [QueueName.Deadlines]: { zh: '办理时限', en: 'Deadlines' },
  [QueueName.Notifications]: { zh: '通知', en: 'Notifications' },
  [QueueName.AutoGrants]: { zh: '免申即享', en: 'Auto grants' },
  [QueueName.PolicySandbox]: { zh: '政策沙盘', en: 'Policy sandbox' },
  [QueueName.Email]: { zh: '邮件投递', en: 'Email delivery' },
  [QueueName.Webhooks]: { zh: 'Webhook 投递', en: 'Webhook delivery' },
  [QueueName.StatementImports]: { zh: '银行流水导入', en: 'Bank statement imports' },
  [QueueName.BulkActions]: { zh: '批量审批', en: 'Bulk actions' },
};

/** Document types named by the seed catalog's requirements (the first label of a type wins). */
export function documentTypeLabels(): Record<string, LocalizedText> {
  const out: Record<string, LocalizedText> = {};
  for (const program of SEED_CATALOG) {
    for (const doc of program.documents) {
      out[doc.type] ??= { zh: doc.title.zh, en: doc.title.en };
    }
  }
  return out;
}

/** Every group of `GET /labels` that the code defines (zones come from the database). */
/** A program version as of today (issue 11: the policy admin's catalog). */
export const PROGRAM_VERSION_LIFECYCLE_LABELS: Labels<VersionLifecycle> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  superseded: { zh: '已被新版本取代', en: 'Superseded' },
  retired: { zh: '已停止执行', en: 'Retired' },
};

export const SANDBOX_RUN_STATUS_LABELS: Labels<'queued' | 'running' | 'completed' | 'failed'> = {
  queued: { zh: '排队中', en: 'Queued' },
  running: { zh: '测算中', en: 'Running' },
  completed: { zh: '已完成', en: 'Completed' },
  failed: { zh: '测算失败', en: 'Failed' },
};

export const SANDBOX_CHANGE_KIND_LABELS: Labels<'gain' | 'loss'> = {
  gain: { zh: '增加', en: 'Gains' },
  loss: { zh: '减少', en: 'Loses' },
};

export function staticLabelGroups(): Record<string, Record<string, LocalizedText>> {
  return {
    applicationState: APPLICATION_STATE_LABELS,
    workflowAction: WORKFLOW_ACTION_LABELS,
    stage: STAGE_LABEL_TEXTS,
    programCategory: PROGRAM_CATEGORY_LABELS,
    programMode: PROGRAM_MODE_LABELS,
    beneficiary: BENEFICIARY_LABELS,
    grantPeriod: GRANT_PERIOD_LABELS,
    documentType: documentTypeLabels(),
    formFieldType: FORM_FIELD_TYPE_LABELS,
    role: ROLE_LABELS,
    factKey: FACT_KEY_LABELS,
    factSource: FACT_SOURCE_LABELS,
    reconciliationOutcome: RECONCILIATION_OUTCOME_LABELS,
    batchState: BATCH_STATE_LABELS,
    statementStatus: STATEMENT_STATUS_LABELS,
    clawbackState: CLAWBACK_STATE_LABELS,
    poolMovement: POOL_MOVEMENT_LABELS,
    notificationKind: NOTIFICATION_KIND_LABELS,
    declaredFactStatus: DECLARED_FACT_STATUS_LABELS,
    bankAccountChangeState: BANK_ACCOUNT_CHANGE_STATE_LABELS,
    programVersionLifecycle: PROGRAM_VERSION_LIFECYCLE_LABELS,
    sandboxRunStatus: SANDBOX_RUN_STATUS_LABELS,
    sandboxChangeKind: SANDBOX_CHANGE_KIND_LABELS,
    deliveryStatus: DELIVERY_STATUS_LABELS,
    deliveryChannel: DELIVERY_CHANNEL_LABELS,
    sweepStatus: SWEEP_STATUS_LABELS,
    sweepTrigger: SWEEP_TRIGGER_LABELS,
    queue: QUEUE_LABELS,
  };
}
