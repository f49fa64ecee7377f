import { formatFenAsYuan } from '@huiqi/policies';
import { labelOf, Locale, STAGE_LABELS, STATE_LABELS } from './labels';
import { FALLBACK_TEMPLATE, isTemplateKey, TEMPLATES } from './templates';

export type AmountKind = 'computed' | 'approved' | 'paid' | 'clawback';

/** Everything a notification says about its application, gathered once per notification job. */
export interface NotificationFacts {
  applicationId: string;
  reference: string;
  programTitle: { zh: string; en: string } | null;
  programCode: string;
  enterpriseName: string;
  state: string;
  amount: { kind: AmountKind; fen: number } | null;
  /** The comment of the event being notified (a reviewer's reasons, the screening's reasons). */
  comment: string | null;
  stage: string | null;
  dueAt: Date | null;
  decision: 'upheld' | 'dismissed' | null;
}

export interface RenderedMessage {
  title: string;
  body: string;
  /** Path of the page to open, relative to the front end. */
  link: string;
}

const AMOUNT_LABELS: Record<AmountKind, Record<Locale, string>> = {
  computed: { 'zh-CN': '测算金额', en: 'Estimated amount' },
  approved: { 'zh-CN': '批准金额', en: 'Approved amount' },
  paid: { 'zh-CN': '拨付金额', en: 'Amount paid' },
  clawback: { 'zh-CN': '追回金额', en: 'Amount to recover' },
};

const FIELD_LABELS: Record<string, Record<Locale, string>> = {
  reference: { 'zh-CN': '申请编号', en: 'Reference' },
  enterprise: { 'zh-CN': '申报企业', en: 'Enterprise' },
  program: { 'zh-CN': '政策项目', en: 'Program' },
  state: { 'zh-CN': '当前状态', en: 'Status' },
  due: { 'zh-CN': '办理期限', en: 'Due' },
  comment: { 'zh-CN': '意见', en: 'Comment' },
  returnReason: { 'zh-CN': '退汇原因', en: 'Bank’s reason' },
  link: { 'zh-CN': '查看详情', en: 'Details' },
};

const DECISIONS: Record<'upheld' | 'dismissed', Record<Locale, string>> = {
  upheld: { 'zh-CN': '异议成立', en: 'upheld' },
  dismissed: { 'zh-CN': '异议不成立', en: 'dismissed' },
};

/** `200000000` → `2,000,000.00 元` / `2,000,000.00 yuan` (integer arithmetic, never a float). */
export function formatAmount(fen: number, locale: Locale): string {
  const yuan = formatFenAsYuan(fen);
  return locale === 'zh-CN' ? `${yuan} 元` : `${yuan} yuan`;
}

/** Asia/Shanghai wall time (UTC+8 all year): `2026年3月18日 23:59` / `2026-03-18 23:59 (UTC+8)`. */
export function formatShanghaiTime(at: Date, locale: Locale): string {
  const t = new Date(at.getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
  return locale === 'zh-CN'
    ? `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${hm}`
    : `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${hm} (UTC+8)`;
}

export const applicationLink = (applicationId: string) => `/applications/${applicationId}`;

/** The enterprise portal's bank-account page (the console is served under /app/; emails prefix PUBLIC_URL). */
export const BANK_ACCOUNT_PAGE = '/app/enterprise/bank-account';

/** The reasons settlement records when the bank's statement gave none (statement-import.service). */
const UNEXPLAINED_RETURNS: Record<string, Record<Locale, string>> = {
  'payment returned by the bank': {
    'zh-CN': '银行退汇，未注明原因',
    en: 'returned by the bank, no reason given',
  },
  'payment failed at the bank': {
    'zh-CN': '银行支付失败，未注明原因',
    en: 'failed at the bank, no reason given',
  },
};

/**
 * What a returned payment (退汇) asks of the enterprise: check the account against the bank's reason and
 * correct it on the bank-account page, where finance verifies it before the grant is paid again.
 */
const FIX_ACCOUNT: Record<Locale, string> = {
  'zh-CN':
    '请根据银行退汇原因核对收款账户（开户行、户名、账号、联行号），如有误请在“收款账户”页面修改；修改经园区财务核验后，奖补资金将重新拨付。',
  en: 'Check your bank account (bank, holder name, number, CNAPS code) against the bank’s reason and correct it on the bank account page; once the zone’s finance staff verify the change, the grant is paid again.',
};

/**
 * Renders one notification for one reader: a subject, a lead sentence and the facts, in their language.
 * `audience` tailors it: a returned payment tells the enterprise what to fix and links to its
 * bank-account page, while finance keeps the link to the case.
 */
export function renderNotification(
  template: string,
  locale: Locale,
  facts: NotificationFacts,
  audience?: string,
): RenderedMessage {
  const text = (isTemplateKey(template) ? TEMPLATES[template] : FALLBACK_TEMPLATE)[locale];
  const program = facts.programTitle
    ? locale === 'zh-CN'
      ? facts.programTitle.zh
      : facts.programTitle.en
    : facts.programCode;
  const due = facts.dueAt ? formatShanghaiTime(facts.dueAt, locale) : '';
  const values: Record<string, string> = {
    ref: facts.reference,
    program,
    enterprise: facts.enterpriseName,
    stage: labelOf(STAGE_LABELS, facts.stage, locale),
    due,
    decision: facts.decision ? DECISIONS[facts.decision][locale] : '',
  };
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const line = (field: string, value: string) => `${FIELD_LABELS[field][locale]}${colon}${value}`;
  const details = [
    line('reference', facts.reference),
    line('enterprise', facts.enterpriseName),
    line('program', program),
    line('state', labelOf(STATE_LABELS, facts.state, locale)),
  ];
  if (facts.amount) {
    details.push(
      `${AMOUNT_LABELS[facts.amount.kind][locale]}${colon}${formatAmount(facts.amount.fen, locale)}`,
    );
  }
  if (due && (template === 'deadline-near' || template === 'deadline-passed')) details.push(line('due', due));
  const returned = template === 'payment-failed';
  if (facts.comment && returned) {
    details.push(line('returnReason', UNEXPLAINED_RETURNS[facts.comment]?.[locale] ?? facts.comment));
  } else if (facts.comment) details.push(line('comment', facts.comment));
  const toEnterprise = returned && audience === 'enterprise';
  const lead = toEnterprise
    ? `${fill(text.lead)}${locale === 'zh-CN' ? '' : ' '}${FIX_ACCOUNT[locale]}`
    : fill(text.lead);
  return {
    title: fill(text.subject),
    body: `${lead}\n\n${details.join('\n')}`,
    link: toEnterprise ? BANK_ACCOUNT_PAGE : applicationLink(facts.applicationId),
  };
}

/** The plain-text email: the message, then where to read more (absolute when PUBLIC_URL is set). */
export function emailText(message: RenderedMessage, locale: Locale, publicUrl: string | null): string {
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const footer =
    locale === 'zh-CN'
      ? '此邮件由惠企系统自动发送，请勿直接回复。可在“通知设置”中选择接收方式。'
      : 'Sent automatically by Huiqi; please do not reply. Choose how you are notified under notification settings.';
  return `${message.body}\n${FIELD_LABELS.link[locale]}${colon}${publicUrl ?? ''}${message.link}\n\n--\n${footer}\n`;
}
