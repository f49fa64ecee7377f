import { NOTIFICATION_TEMPLATES, WORKFLOW_STATES } from '@huiqi/workflow';
import { LOCALES, STATE_LABELS } from './labels';
import { emailText, formatAmount, formatShanghaiTime, NotificationFacts, renderNotification } from './render';
import { TEMPLATES } from './templates';

const facts: NotificationFacts = {
  applicationId: '6f1c2a43-9f6e-4d7a-8b1e-2c3d4e5f6a7b',
  reference: 'HQ000000042',
  programTitle: { zh: '平台建设奖励', en: 'Platform construction award' },
  programCode: 'ningxiang-htz.platform-construction',
  enterpriseName: '湖南储能材料有限公司',
  state: 'first_review',
  amount: { kind: 'approved', fen: 200_000_001 },
  comment: '材料齐全',
  stage: 'first_review',
  dueAt: new Date('2026-03-18T15:59:59.999Z'),
  decision: 'dismissed',
};

describe('notification templates', () => {
  it('has zh-CN and en text for every template the machines emit, and for the deadline ones', () => {
    for (const template of [...NOTIFICATION_TEMPLATES, 'deadline-near', 'deadline-passed']) {
      for (const locale of LOCALES) {
        const text = TEMPLATES[template as keyof typeof TEMPLATES]?.[locale];
        expect(text?.subject).toContain('{ref}');
        expect(text?.lead.length).toBeGreaterThan(10);
      }
    }
  });

  it('labels every workflow state in both languages', () => {
    for (const state of WORKFLOW_STATES) {
      for (const locale of LOCALES) expect(STATE_LABELS[state][locale]).toBeTruthy();
    }
  });

  it.each(Object.keys(TEMPLATES))('%s fills every placeholder', (template) => {
    for (const locale of LOCALES) {
      const m = renderNotification(template, locale, facts);
      expect(`${m.title}\n${m.body}`).not.toMatch(/[{}]/);
      expect(m.title).toContain('HQ000000042');
      expect(m.link).toBe(`/applications/${facts.applicationId}`);
    }
  });

  it('renders in the reader’s language with the reference, program, state, amount and comment', () => {
    const zh = renderNotification('application-approved', 'zh-CN', facts);
    expect(zh.title).toBe('申请已获批准：HQ000000042');
    expect(zh.body).toContain('您单位的「平台建设奖励」申请已获批准。');
    expect(zh.body).toContain('当前状态：初审中');
    expect(zh.body).toContain('批准金额：2,000,000.01 元');
    expect(zh.body).toContain('意见：材料齐全');
    const en = renderNotification('application-approved', 'en', facts);
    expect(en.title).toBe('Application approved: HQ000000042');
    expect(en.body).toContain('“Platform construction award”');
    expect(en.body).toContain('Status: first review');
    expect(en.body).toContain('Approved amount: 2,000,000.01 yuan');
  });

  it('names the stage and its due time in deadline notifications', () => {
    const zh = renderNotification('deadline-near', 'zh-CN', facts);
    expect(zh.body).toContain('初审环节将于 2026年3月18日 23:59 到期');
    const en = renderNotification('deadline-passed', 'en', facts);
    expect(en.body).toContain('The first review stage');
    expect(en.body).toContain('Due: 2026-03-18 23:59 (UTC+8)');
  });

  it('leaves the amount out when there is none and says the objection decision', () => {
    const m = renderNotification('objection-decided', 'zh-CN', { ...facts, amount: null });
    expect(m.body).toContain('已处理：异议不成立。');
    expect(m.body).not.toContain('金额');
  });

  it('falls back to a generic message for a template nobody wrote text for', () => {
    const m = renderNotification('something-new', 'en', facts);
    expect(m.title).toBe('Application update: HQ000000042');
  });

  it('uses the program code when the program has no title', () => {
    expect(renderNotification('review-requested', 'en', { ...facts, programTitle: null }).body).toContain(
      '“ningxiang-htz.platform-construction”',
    );
  });
});

describe('formatting', () => {
  it.each([
    [0, '0.00 元'],
    [5, '0.05 元'],
    [100, '1.00 元'],
    [123_456_789, '1,234,567.89 元'],
    [900_719_925_474_099, '9,007,199,254,740.99 元'],
  ])('%d fen is %s', (fen, text) => {
    expect(formatAmount(fen, 'zh-CN')).toBe(text);
  });

  it('shows times in Asia/Shanghai, across the UTC date line', () => {
    const at = new Date('2025-12-31T16:30:00Z');
    expect(formatShanghaiTime(at, 'zh-CN')).toBe('2026年1月1日 00:30');
    expect(formatShanghaiTime(at, 'en')).toBe('2026-01-01 00:30 (UTC+8)');
  });

  it('ends an email with the link, absolute when the public URL is known', () => {
    const m = renderNotification('application-submitted', 'en', facts);
    expect(emailText(m, 'en', 'https://huiqi.example.gov.cn')).toContain(
      `Details: https://huiqi.example.gov.cn/applications/${facts.applicationId}`,
    );
    expect(emailText(m, 'zh-CN', null)).toContain(`查看详情：/applications/${facts.applicationId}`);
  });
});

describe('a returned payment (退汇)', () => {
  const returned = { ...facts, state: 'approved', comment: '收款账户已销户' };

  it('tells the enterprise the bank’s reason, what to fix, and links to its bank-account page', () => {
    const zh = renderNotification('payment-failed', 'zh-CN', returned, 'enterprise');
    expect(zh.body).toContain('退汇原因：收款账户已销户');
    expect(zh.body).toContain('“收款账户”页面修改');
    expect(zh.link).toBe('/app/enterprise/bank-account');
    const en = renderNotification('payment-failed', 'en', returned, 'enterprise');
    expect(en.body).toContain('Bank’s reason: 收款账户已销户');
    expect(en.body).toContain('correct it on the bank account page');
    expect(emailText(en, 'en', 'https://huiqi.example.cn')).toContain(
      'Details: https://huiqi.example.cn/app/enterprise/bank-account',
    );
  });

  it('keeps finance on the case, and says so when the bank gave no reason', () => {
    const finance = renderNotification('payment-failed', 'zh-CN', returned, 'finance');
    expect(finance.link).toBe(`/applications/${facts.applicationId}`);
    expect(finance.body).not.toContain('“收款账户”页面修改');
    const unexplained = renderNotification(
      'payment-failed',
      'zh-CN',
      { ...returned, comment: 'payment returned by the bank' },
      'enterprise',
    );
    expect(unexplained.body).toContain('退汇原因：银行退汇，未注明原因');
  });
});
