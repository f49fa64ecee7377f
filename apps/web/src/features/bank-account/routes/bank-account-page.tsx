import { Alert, App, Button, Card, Descriptions, Form, Input, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { CHANGE_STATE_STYLE, maskAccountNo } from '../../../lib/bank-account';
import { applyProblemToForm } from '../../../lib/form-errors';
import { useLanguage } from '../../../lib/i18n';
import { Label } from '../../../lib/labels';
import { formatInstant } from '../../../lib/time';
import { useEnterprise, useSetBankAccount, type BankAccountInput } from '../api/bank-account';

/**
 * The enterprise's receiving account: the verified one payments use (masked), a change still waiting
 * for the zone's finance staff (待核验) or refused with the reason (已驳回), and the form to ask for a
 * change — which takes effect only once finance verifies it.
 */
export function BankAccountPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const me = useMe();
  const enterpriseId = me.data?.enterpriseId ?? '';
  const enterprise = useEnterprise(enterpriseId);
  const save = useSetBankAccount(enterpriseId);
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [form] = Form.useForm<BankAccountInput>();
  if (enterprise.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (enterprise.isError)
    return <ProblemAlert problem={toProblem(enterprise.error, t('app.networkError'))} />;
  const account = enterprise.data.bankAccount;
  const change = enterprise.data.bankAccountChange ?? null;

  const submit = async (values: BankAccountInput) => {
    setProblem(null);
    try {
      await save.mutateAsync(values);
      void message.success(t('bank.saved'));
      setEditing(false);
    } catch (error) {
      if (!applyProblemToForm(form, error)) setProblem(toProblem(error, t('app.networkError')));
    }
  };

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('bank.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('bank.intro')}</Typography.Paragraph>
      {account && (
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('bank.verified')}
        </Typography.Title>
      )}
      {account ? (
        <Descriptions column={1} bordered style={{ maxWidth: 720, marginBottom: 24 }}>
          <Descriptions.Item label={t('bank.accountName')}>{account.accountName}</Descriptions.Item>
          <Descriptions.Item label={t('bank.bankName')}>{account.bankName}</Descriptions.Item>
          <Descriptions.Item label={t('bank.accountNo')}>
            <span data-testid="masked-account">{maskAccountNo(account.accountNo)}</span>
          </Descriptions.Item>
          {account.cnapsCode && (
            <Descriptions.Item label={t('bank.cnapsCode')}>{account.cnapsCode}</Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        <Typography.Paragraph>{t('bank.none')}</Typography.Paragraph>
      )}
      {change && (
        <Card
          title={t('bank.pendingTitle')}
          style={{ maxWidth: 720, marginBottom: 24 }}
          data-testid="bank-account-change"
          extra={
            <Tag style={CHANGE_STATE_STYLE[change.state]} data-testid="bank-account-change-state">
              <Label group="bankAccountChangeState" code={change.state} />
            </Tag>
          }
        >
          <Alert
            type={change.state === 'refused' ? 'error' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            message={change.state === 'refused' ? t('bank.refusedNote') : t('bank.pendingNote')}
          />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('bank.accountName')}>
              {change.requested.accountName}
            </Descriptions.Item>
            <Descriptions.Item label={t('bank.bankName')}>{change.requested.bankName}</Descriptions.Item>
            <Descriptions.Item label={t('bank.accountNo')}>
              <span data-testid="pending-masked-account">{maskAccountNo(change.requested.accountNo)}</span>
            </Descriptions.Item>
            {change.requested.cnapsCode && (
              <Descriptions.Item label={t('bank.cnapsCode')}>{change.requested.cnapsCode}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('bank.requestedBy')}>
              {change.requestedByName ?? '-'}
            </Descriptions.Item>
            <Descriptions.Item label={t('bank.requestedAt')}>
              {formatInstant(change.requestedAt, language)}
            </Descriptions.Item>
            {change.state === 'refused' && change.decisionReason && (
              <Descriptions.Item label={t('bank.reason')}>
                <span data-testid="bank-account-change-reason">{change.decisionReason}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
      {!editing ? (
        <Button type="primary" onClick={() => setEditing(true)}>
          {account ? t('bank.change') : t('bank.set')}
        </Button>
      ) : (
        <Card title={account ? t('bank.change') : t('bank.set')} style={{ maxWidth: 720 }}>
          <ProblemAlert problem={problem} />
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
            <Form.Item
              name="accountName"
              label={t('bank.accountName')}
              extra={t('bank.accountNameHelp')}
              initialValue={enterprise.data.name}
              rules={[{ required: true, message: t('register.required', { field: t('bank.accountName') }) }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="bankName"
              label={t('bank.bankName')}
              rules={[{ required: true, message: t('register.required', { field: t('bank.bankName') }) }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="accountNo"
              label={t('bank.accountNo')}
              rules={[{ required: true, message: t('register.required', { field: t('bank.accountNo') }) }]}
            >
              <Input inputMode="numeric" autoComplete="off" />
            </Form.Item>
            {/* The payment file's bank layouts need the payee bank's CNAPS code: without it finance cannot lock a batch. */}
            <Form.Item
              name="cnapsCode"
              label={t('bank.cnapsCode')}
              extra={t('bank.cnapsHelp')}
              rules={[
                { required: true, message: t('register.required', { field: t('bank.cnapsCode') }) },
                { pattern: /^\d{12}$/, message: t('bank.cnapsHelp') },
              ]}
            >
              <Input inputMode="numeric" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginInlineEnd: 8 }}>
              {t('bank.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Form>
        </Card>
      )}
    </>
  );
}
