import type { NotificationTemplate } from '@huiqi/workflow';
import type { Locale } from './labels';

/** Templates the machines emit, plus the deadline ones the worker emits itself. */
export type TemplateKey = NotificationTemplate | 'deadline-near' | 'deadline-passed';

/**
 * A subject and the opening sentence; `{ref}`, `{program}`, `{enterprise}`, `{stage}`, `{due}`,
 * `{decision}` are filled in. The details block (reference, program, state, amount, comment, link) is
 * the same for every template and added by `renderNotification`.
 */
export interface TemplateText {
  subject: string;
  lead: string;
}

export const TEMPLATES: Record<TemplateKey, Record<Locale, TemplateText>> = {
  'application-submitted': {
    'zh-CN': {
      subject: '申请已提交：{ref}',
      lead: '您单位的「{program}」申请已提交，系统正在进行资格初筛，结果将另行通知。',
    },
    en: {
      subject: 'Application submitted: {ref}',
      lead: 'Your application for “{program}” has been submitted and is being screened for eligibility.',
    },
  },
  'application-resubmitted': {
    'zh-CN': {
      subject: '申请已补正并重新提交：{ref}',
      lead: '{enterprise} 已补正并重新提交「{program}」申请，初筛通过后将回到您的待办。',
    },
    en: {
      subject: 'Application resubmitted: {ref}',
      lead: '{enterprise} amended and resubmitted its application for “{program}”; it returns to you once screened.',
    },
  },
  'screening-failed': {
    'zh-CN': {
      subject: '申请未通过资格初筛：{ref}',
      lead: '您单位的「{program}」申请未通过资格初筛，原因见下方说明。',
    },
    en: {
      subject: 'Application did not pass screening: {ref}',
      lead: 'Your application for “{program}” did not pass the eligibility screening; the reasons are below.',
    },
  },
  'review-requested': {
    'zh-CN': {
      subject: '新申请待初审：{ref}',
      lead: '{enterprise} 的「{program}」申请已通过资格初筛，等待初审。',
    },
    en: {
      subject: 'New application to review: {ref}',
      lead: 'The application of {enterprise} for “{program}” passed screening and awaits first review.',
    },
  },
  'acceptance-requested': {
    'zh-CN': {
      subject: '承诺制申请待受理：{ref}',
      lead: '{enterprise} 的「{program}」告知承诺制申请已通过资格初筛，等待受理。',
    },
    en: {
      subject: 'Commitment-based application to accept: {ref}',
      lead: 'The commitment-based application of {enterprise} for “{program}” passed screening and awaits acceptance.',
    },
  },
  'expert-review-requested': {
    'zh-CN': {
      subject: '申请待专家评审：{ref}',
      lead: '{enterprise} 的「{program}」申请需要专家评审，请给出评审意见。',
    },
    en: {
      subject: 'Expert review requested: {ref}',
      lead: 'The application of {enterprise} for “{program}” needs an expert opinion.',
    },
  },
  'director-approval-requested': {
    'zh-CN': {
      subject: '申请待复审审批：{ref}',
      lead: '{enterprise} 的「{program}」申请已完成初审，等待复审审批。',
    },
    en: {
      subject: 'Approval requested: {ref}',
      lead: 'The application of {enterprise} for “{program}” passed first review and awaits your approval.',
    },
  },
  'application-returned': {
    'zh-CN': {
      subject: '申请被退回补正：{ref}',
      lead: '您单位的「{program}」申请被退回，请按审核意见补正后在期限内重新提交。',
    },
    en: {
      subject: 'Application returned for amendment: {ref}',
      lead: 'Your application for “{program}” was returned; amend it as the reviewer asks and resubmit it in time.',
    },
  },
  'application-rejected': {
    'zh-CN': { subject: '申请未获批准：{ref}', lead: '您单位的「{program}」申请未获批准。' },
    en: { subject: 'Application rejected: {ref}', lead: 'Your application for “{program}” was rejected.' },
  },
  'application-withdrawn': {
    'zh-CN': {
      subject: '申请已被企业撤回：{ref}',
      lead: '{enterprise} 撤回了「{program}」申请，无需再办理。',
    },
    en: {
      subject: 'Application withdrawn: {ref}',
      lead: '{enterprise} withdrew its application for “{program}”; no further action is needed.',
    },
  },
  'application-expired': {
    'zh-CN': { subject: '申请已失效：{ref}', lead: '您单位的「{program}」申请未在期限内补正提交，已失效。' },
    en: {
      subject: 'Application expired: {ref}',
      lead: 'Your application for “{program}” was not resubmitted in time and has expired.',
    },
  },
  'application-approved': {
    'zh-CN': { subject: '申请已获批准：{ref}', lead: '您单位的「{program}」申请已获批准。' },
    en: {
      subject: 'Application approved: {ref}',
      lead: 'Your application for “{program}” has been approved.',
    },
  },
  'publicity-started': {
    'zh-CN': {
      subject: '申请进入公示期：{ref}',
      lead: '您单位的「{program}」申请拟予批准，现进入公示期，公示期满无异议后正式批准。',
    },
    en: {
      subject: 'Application in publicity: {ref}',
      lead: 'Your application for “{program}” is to be approved and is now published; it is approved when the period ends without objection.',
    },
  },
  'objection-raised': {
    'zh-CN': {
      subject: '公示期内收到异议：{ref}',
      lead: '「{program}」申请（{enterprise}）在公示期内收到异议，待审批领导处理。',
    },
    en: {
      subject: 'Objection raised: {ref}',
      lead: 'An objection was raised during the publicity of the application of {enterprise} for “{program}”; a director will decide it.',
    },
  },
  'objection-upheld': {
    'zh-CN': {
      subject: '异议成立，申请未获批准：{ref}',
      lead: '经审查，针对您单位「{program}」申请的异议成立，申请未获批准。',
    },
    en: {
      subject: 'Objection upheld: {ref}',
      lead: 'The objection to your application for “{program}” was upheld; the application is not approved.',
    },
  },
  'objection-dismissed': {
    'zh-CN': {
      subject: '异议不成立：{ref}',
      lead: '经审查，针对您单位「{program}」申请的异议不成立，审批继续进行。',
    },
    en: {
      subject: 'Objection dismissed: {ref}',
      lead: 'The objection to your application for “{program}” was dismissed; the approval continues.',
    },
  },
  'objection-decided': {
    'zh-CN': {
      subject: '您提出的异议已处理：{ref}',
      lead: '您对「{program}」申请（{enterprise}）提出的异议已处理：{decision}。',
    },
    en: {
      subject: 'Your objection was decided: {ref}',
      lead: 'Your objection to the application of {enterprise} for “{program}” was decided: {decision}.',
    },
  },
  'grant-offered': {
    'zh-CN': {
      subject: '免申即享奖补待确认：{ref}',
      lead: '根据已掌握的数据，您单位符合「{program}」条件，无需申请即可享受，请确认收款账户后领取。',
    },
    en: {
      subject: 'Grant offered without application: {ref}',
      lead: 'From the data we hold, your enterprise qualifies for “{program}” without applying; confirm your bank account to receive it.',
    },
  },
  'grant-declined': {
    'zh-CN': {
      subject: '企业放弃免申即享奖补：{ref}',
      lead: '{enterprise} 放弃了「{program}」免申即享奖补。',
    },
    en: {
      subject: 'Grant declined: {ref}',
      lead: '{enterprise} declined the grant “{program}” offered without application.',
    },
  },
  'offer-lapsed': {
    'zh-CN': {
      subject: '免申即享奖补已失效：{ref}',
      lead: '您单位未在期限内确认「{program}」奖补，该奖补已失效。',
    },
    en: {
      subject: 'Grant offer lapsed: {ref}',
      lead: 'Your enterprise did not confirm the grant “{program}” in time; the offer has lapsed.',
    },
  },
  'disbursement-started': {
    'zh-CN': {
      subject: '奖补资金拨付中：{ref}',
      lead: '您单位「{program}」奖补资金已进入拨付批次，正在办理银行支付。',
    },
    en: {
      subject: 'Payment in progress: {ref}',
      lead: 'The grant “{program}” of your enterprise is in a payment batch and being paid by the bank.',
    },
  },
  'payment-succeeded': {
    'zh-CN': { subject: '奖补资金已拨付：{ref}', lead: '「{program}」奖补资金已拨付至您单位的收款账户。' },
    en: {
      subject: 'Grant paid: {ref}',
      lead: 'The grant “{program}” has been paid into your enterprise’s bank account.',
    },
  },
  'payment-failed': {
    'zh-CN': {
      subject: '奖补资金拨付失败：{ref}',
      lead: '「{program}」奖补资金（{enterprise}）银行支付未成功，将核对收款账户后重新拨付。',
    },
    en: {
      subject: 'Payment failed: {ref}',
      lead: 'The bank payment of the grant “{program}” to {enterprise} failed; it is paid again once the account is checked.',
    },
  },
  'grant-cancelled': {
    'zh-CN': {
      subject: '奖补已取消：{ref}',
      lead: '「{program}」奖补（{enterprise}）已取消，预留资金已退回资金池。',
    },
    en: {
      subject: 'Grant cancelled: {ref}',
      lead: 'The grant “{program}” to {enterprise} was cancelled and its reservation returned to the fund pool.',
    },
  },
  'verification-passed': {
    'zh-CN': { subject: '承诺事项核查通过：{ref}', lead: '您单位「{program}」告知承诺事项已核查通过。' },
    en: {
      subject: 'Commitment verified: {ref}',
      lead: 'The commitment your enterprise signed for “{program}” has been verified.',
    },
  },
  'commitment-revoked': {
    'zh-CN': {
      subject: '承诺不实，奖补已撤销：{ref}',
      lead: '经核查，「{program}」申请（{enterprise}）的承诺事项不实，批准已撤销。',
    },
    en: {
      subject: 'Approval revoked: {ref}',
      lead: 'Verification found the commitment of {enterprise} for “{program}” untrue; the approval is revoked.',
    },
  },
  'clawback-required': {
    'zh-CN': {
      subject: '奖补资金需追回：{ref}',
      lead: '「{program}」已拨付的奖补资金（{enterprise}）需依法追回。',
    },
    en: {
      subject: 'Clawback required: {ref}',
      lead: 'The grant “{program}” paid to {enterprise} must be recovered.',
    },
  },
  'clawback-settled': {
    'zh-CN': { subject: '追回已办结：{ref}', lead: '「{program}」奖补资金追回已办结。' },
    en: {
      subject: 'Clawback settled: {ref}',
      lead: 'The recovery of the grant “{program}” has been settled.',
    },
  },
  'deadline-near': {
    'zh-CN': {
      subject: '办理时限将至：{ref}',
      lead: '「{program}」申请（{enterprise}）的{stage}环节将于 {due} 到期，请及时办理。',
    },
    en: {
      subject: 'Deadline approaching: {ref}',
      lead: 'The {stage} stage of the application of {enterprise} for “{program}” is due on {due}.',
    },
  },
  'deadline-passed': {
    'zh-CN': {
      subject: '办理已超时：{ref}',
      lead: '「{program}」申请（{enterprise}）的{stage}环节已于 {due} 超过办理时限，已提请审批领导督办。',
    },
    en: {
      subject: 'Deadline passed: {ref}',
      lead: 'The {stage} stage of the application of {enterprise} for “{program}” passed its deadline ({due}) and was escalated to the directors.',
    },
  },
};

/** What a template nobody wrote text for still says (a new template must not lose the message). */
export const FALLBACK_TEMPLATE: Record<Locale, TemplateText> = {
  'zh-CN': { subject: '申请有新动态：{ref}', lead: '「{program}」申请（{enterprise}）有新动态。' },
  en: {
    subject: 'Application update: {ref}',
    lead: 'There is news on the application of {enterprise} for “{program}”.',
  },
};

export function isTemplateKey(template: string): template is TemplateKey {
  return Object.prototype.hasOwnProperty.call(TEMPLATES, template);
}
