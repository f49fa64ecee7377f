import type { LocalizedText } from '@huiqi/common';
import type { ActionType, DeadlineStage, WorkflowState } from '@huiqi/workflow';
import { STAGE_LABELS, STATE_LABELS } from '../notifications/labels';

/** What a person reads for application states, stages and workflow actions (also in error messages). */
type Labels<K extends string> = Record<K, LocalizedText>;

const fromLocale = <K extends string>(table: Record<K, Record<'zh-CN' | 'en', string>>): Labels<K> =>
  Object.fromEntries(
    Object.entries(table).map(([k, v]) => {
      const t = v as Record<'zh-CN' | 'en', string>;
      return [k, { zh: t['zh-CN'], en: t.en }];
    }),
  ) as Labels<K>;

export const APPLICATION_STATE_LABELS: Labels<WorkflowState> = fromLocale(STATE_LABELS);
export const STAGE_LABEL_TEXTS: Labels<DeadlineStage | 'publicity'> = fromLocale(STAGE_LABELS);

/** Audit actions of an application's history that are not workflow events. */
export const HISTORY_ACTIONS = [
  'created',
  'offered',
  'form.updated',
  'document.uploaded',
  'document.removed',
  'deadline.escalated',
  'assignment.taken',
  'assignment.released',
  'assignment.reassigned',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export const WORKFLOW_ACTION_LABELS: Labels<ActionType | HistoryAction> = {
  submit: { zh: '提交申请', en: 'Submit' },
  resubmit: { zh: '补正后重新提交', en: 'Resubmit' },
  withdraw: { zh: '撤回申请', en: 'Withdraw' },
  screening_passed: { zh: '资格初筛通过', en: 'Screening passed' },
  screening_failed: { zh: '资格初筛未通过', en: 'Screening failed' },
  screening_incomplete: { zh: '初筛缺少数据，退回补正', en: 'Screening lacked data: returned for amendment' },
  approve: { zh: '审核通过', en: 'Approve' },
  return: { zh: '退回补正', en: 'Return for amendment' },
  reject: { zh: '不予通过', en: 'Reject' },
  expert_approve: { zh: '专家同意', en: 'Expert approves' },
  expert_reject: { zh: '专家不同意', en: 'Expert rejects' },
  object: { zh: '提出异议', en: 'Raise an objection' },
  uphold_objection: { zh: '异议成立', en: 'Uphold the objection' },
  dismiss_objection: { zh: '异议不成立', en: 'Dismiss the objection' },
  publicity_ended: { zh: '公示期满', en: 'Publicity ended' },
  amendment_expired: { zh: '补正逾期', en: 'Amendment period expired' },
  accept: { zh: '承诺受理', en: 'Accept on commitment' },
  verify: { zh: '核查通过', en: 'Verification passed' },
  verification_failed: { zh: '核查不通过', en: 'Verification failed' },
  confirm: { zh: '确认领取', en: 'Confirm the grant' },
  decline: { zh: '放弃领取', en: 'Decline the grant' },
  offer_expired: { zh: '逾期未确认', en: 'Offer expired' },
  disbursement_started: { zh: '开始拨付', en: 'Payment started' },
  payment_succeeded: { zh: '拨付成功', en: 'Payment succeeded' },
  payment_failed: { zh: '拨付失败', en: 'Payment failed' },
  cancel: { zh: '取消', en: 'Cancel' },
  report_false_claim: { zh: '发现虚假申报', en: 'Report a false claim' },
  clawback_settled: { zh: '追回完成', en: 'Clawback settled' },
  created: { zh: '创建申请', en: 'Application created' },
  offered: { zh: '推送免申即享兑现', en: 'Grant offered' },
  'form.updated': { zh: '修改申请表', en: 'Form updated' },
  'document.uploaded': { zh: '上传材料', en: 'Document uploaded' },
  'document.removed': { zh: '删除材料', en: 'Document removed' },
  'deadline.escalated': { zh: '超期督办', en: 'Deadline escalated' },
  'assignment.taken': { zh: '领取办件', en: 'Taken up by an officer' },
  'assignment.released': { zh: '退回办件池', en: 'Handed back' },
  'assignment.reassigned': { zh: '改派经办人', en: 'Reassigned' },
};

export function stateLabel(state: string): LocalizedText {
  return (APPLICATION_STATE_LABELS as Record<string, LocalizedText>)[state] ?? { zh: state, en: state };
}

export function actionLabel(action: string): LocalizedText {
  return (WORKFLOW_ACTION_LABELS as Record<string, LocalizedText>)[action] ?? { zh: action, en: action };
}
