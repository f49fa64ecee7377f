import { renderBankAccountNotice } from './bank-account-notices';

const change = {
  enterprise_name: '湖南储能材料有限公司',
  bank_name: '长沙银行宁乡支行',
  account_no: '6222020100002222',
  requested_at: new Date('2026-03-18T02:30:00Z'),
  requested_by_name: '张三',
  decision_reason: null as string | null,
  current_account_no: '6222020100001111',
};

describe('bank account change notices', () => {
  it('says a change was asked for, masked, in Beijing time, with the page to check it', () => {
    const zh = renderBankAccountNotice('requested', 'zh-CN', change);
    expect(zh.title).toBe('收款账户变更已提交，待财务核验');
    expect(zh.body).toContain('新账户 **** **** 2222（长沙银行宁乡支行）');
    expect(zh.body).toContain('原账户（**** **** 1111）');
    expect(zh.body).toContain('提交人：张三');
    expect(zh.body).toContain('提交时间：2026年3月18日 10:30');
    expect(zh.body).not.toContain('6222020100002222');
    expect(zh.link).toBe('/app/enterprise/bank-account');
    const en = renderBankAccountNotice('requested', 'en', { ...change, current_account_no: null });
    expect(en.body).toContain('current account (none)');
    expect(en.body).toContain('Submitted at: 2026-03-18 10:30 (UTC+8)');
  });

  it('gives the reason of a refusal', () => {
    const zh = renderBankAccountNotice('refused', 'zh-CN', { ...change, decision_reason: '户名不符' });
    expect(zh.title).toBe('收款账户变更未通过核验');
    expect(zh.body).toContain('原因：户名不符');
  });
});
