import type { DeadlineStage, WorkflowState } from '@huiqi/workflow';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

type Labels<K extends string> = Record<K, Record<Locale, string>>;

/** What a person reads for each state an application rests in. */
export const STATE_LABELS: Labels<WorkflowState> = {
  draft: { 'zh-CN': '草稿', en: 'draft' },
  offered: { 'zh-CN': '待企业确认', en: 'offered, awaiting confirmation' },
  screening: { 'zh-CN': '资格初筛中', en: 'eligibility screening' },
  first_review: { 'zh-CN': '初审中', en: 'first review' },
  expert_review: { 'zh-CN': '专家评审中', en: 'expert review' },
  director_approval: { 'zh-CN': '复审审批中', en: 'director approval' },
  acceptance: { 'zh-CN': '承诺受理中', en: 'commitment acceptance' },
  amending: { 'zh-CN': '退回补正中', en: 'returned for amendment' },
  publicity: { 'zh-CN': '公示中', en: 'in publicity' },
  objection: { 'zh-CN': '异议处理中', en: 'objection under review' },
  approved: { 'zh-CN': '已批准', en: 'approved' },
  disbursing: { 'zh-CN': '拨付中', en: 'payment in progress' },
  paid: { 'zh-CN': '已拨付', en: 'paid' },
  clawback_required: { 'zh-CN': '待追回', en: 'clawback required' },
  clawed_back: { 'zh-CN': '已追回', en: 'clawed back' },
  rejected: { 'zh-CN': '未通过', en: 'rejected' },
  withdrawn: { 'zh-CN': '已撤回', en: 'withdrawn' },
  expired: { 'zh-CN': '已逾期失效', en: 'expired' },
  cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
  revoked: { 'zh-CN': '已撤销', en: 'revoked' },
  declined: { 'zh-CN': '企业已放弃', en: 'declined' },
  lapsed: { 'zh-CN': '逾期未确认', en: 'lapsed' },
};

/** Stages with a deadline (限时办结), plus the publicity period. */
export const STAGE_LABELS: Labels<DeadlineStage | 'publicity'> = {
  first_review: { 'zh-CN': '初审', en: 'first review' },
  expert_review: { 'zh-CN': '专家评审', en: 'expert review' },
  director_approval: { 'zh-CN': '复审审批', en: 'director approval' },
  acceptance: { 'zh-CN': '承诺受理', en: 'commitment acceptance' },
  amending: { 'zh-CN': '补正材料', en: 'amendment' },
  objection: { 'zh-CN': '异议处理', en: 'objection decision' },
  offered: { 'zh-CN': '确认奖补', en: 'confirming the grant' },
  post_verification: { 'zh-CN': '事后核查', en: 'post-approval verification' },
  publicity: { 'zh-CN': '公示', en: 'publicity' },
};

export function labelOf<K extends string>(labels: Labels<K>, key: string | null, locale: Locale): string {
  if (key === null) return '';
  return (labels as Record<string, Record<Locale, string>>)[key]?.[locale] ?? key;
}
