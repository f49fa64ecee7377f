import { App, Button, Form, Input, Modal, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
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
import {
  useBankAccountChanges,
  useDecideBankAccountChange,
  type BankAccountChange,
  type BankAccountChangeState,
} from '../api/bank-account-verification';

const STATES: BankAccountChangeState[] = ['pending', 'verified', 'refused'];

/**
 * The zone's bank account changes for finance to verify (收款账户变更核验): the verified account a
 * change would replace next to the requested one (both masked), the bank, 联行号, who asked and when
 * (Beijing time); verify, or refuse with the reason the enterprise reads. Auditors see the queue only.
 */
export function BankAccountVerificationPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const me = useMe();
  const mayDecide = me.data?.role === 'finance';
  const [state, setState] = useState<BankAccountChangeState>('pending');
  const changes = useBankAccountChanges(state);
  const decide = useDecideBankAccountChange();
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [refusing, setRefusing] = useState<BankAccountChange | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const verify = async (change: BankAccountChange) => {
    setProblem(null);
    try {
      await decide.mutateAsync({ id: change.id, decision: 'verify' });
      void message.success(t('bankVerification.verified'));
    } catch (error) {
      setProblem(toProblem(error, t('app.networkError')));
    }
  };

  const refuse = async ({ reason }: { reason: string }) => {
    if (!refusing) return;
    try {
      await decide.mutateAsync({ id: refusing.id, decision: 'refuse', reason });
      void message.success(t('bankVerification.refused'));
      setRefusing(null);
      form.resetFields();
    } catch (error) {
      if (!applyProblemToForm(form, error)) {
        setRefusing(null);
        setProblem(toProblem(error, t('app.networkError')));
      }
    }
  };

  const account = (a: BankAccountChange['requested'] | null | undefined) =>
    a ? (
      <Space direction="vertical" size={0}>
        <span>{maskAccountNo(a.accountNo)}</span>
        <Typography.Text type="secondary">{a.accountName}</Typography.Text>
      </Space>
    ) : (
      <Typography.Text type="secondary">{t('bankVerification.none')}</Typography.Text>
    );

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('bankVerification.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('bankVerification.intro')}</Typography.Paragraph>
      <Segmented
        style={{ marginBottom: 16 }}
        value={state}
        onChange={(v) => setState(v as BankAccountChangeState)}
        options={STATES.map((s) => ({ value: s, label: <Label group="bankAccountChangeState" code={s} /> }))}
      />
      <ProblemAlert problem={problem} />
      {changes.isError && <ProblemAlert problem={toProblem(changes.error, t('app.networkError'))} />}
      <Table<BankAccountChange>
        rowKey="id"
        loading={changes.isPending}
        dataSource={changes.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('bankVerification.empty') }}
        scroll={{ x: 1100 }}
        columns={[
          {
            title: t('bankVerification.enterprise'),
            key: 'enterprise',
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <span>{c.enterpriseName}</span>
                <Typography.Text type="secondary">{c.enterpriseUscc}</Typography.Text>
              </Space>
            ),
          },
          { title: t('bankVerification.current'), key: 'current', render: (_, c) => account(c.current) },
          {
            title: t('bankVerification.requested'),
            key: 'requested',
            render: (_, c) => <span data-testid="requested-account">{account(c.requested)}</span>,
          },
          { title: t('bankVerification.bankName'), key: 'bank', render: (_, c) => c.requested.bankName },
          {
            title: t('bankVerification.cnapsCode'),
            key: 'cnaps',
            render: (_, c) => c.requested.cnapsCode ?? t('bankVerification.none'),
          },
          {
            title: t('bankVerification.requestedBy'),
            key: 'by',
            render: (_, c) => c.requestedByName ?? '-',
          },
          {
            title: t('bankVerification.requestedAt'),
            key: 'at',
            render: (_, c) => formatInstant(c.requestedAt, language),
          },
          state === 'pending'
            ? {
                title: t('bankVerification.decision'),
                key: 'actions',
                fixed: 'right' as const,
                render: (_, c) =>
                  mayDecide ? (
                    <Space>
                      <Popconfirm
                        title={t('bankVerification.verifyConfirm')}
                        okText={t('bankVerification.verify')}
                        cancelText={t('bankVerification.cancel')}
                        onConfirm={() => verify(c)}
                      >
                        <Button type="primary" size="small" loading={decide.isPending}>
                          {t('bankVerification.verify')}
                        </Button>
                      </Popconfirm>
                      <Button size="small" danger onClick={() => setRefusing(c)}>
                        {t('bankVerification.refuse')}
                      </Button>
                    </Space>
                  ) : (
                    <Tag style={CHANGE_STATE_STYLE[c.state]}>
                      <Label group="bankAccountChangeState" code={c.state} />
                    </Tag>
                  ),
              }
            : {
                title: t('bankVerification.decision'),
                key: 'decided',
                render: (_, c) => (
                  <Space direction="vertical" size={0}>
                    <Tag style={CHANGE_STATE_STYLE[c.state]}>
                      <Label group="bankAccountChangeState" code={c.state} />
                    </Tag>
                    {c.decisionReason && <Typography.Text>{c.decisionReason}</Typography.Text>}
                    <Typography.Text type="secondary">
                      {c.decidedByName ?? ''} {c.decidedAt ? formatInstant(c.decidedAt, language) : ''}
                    </Typography.Text>
                  </Space>
                ),
              },
        ]}
      />
      <Modal
        open={refusing !== null}
        title={t('bankVerification.refuseTitle')}
        okText={t('bankVerification.refuse')}
        okButtonProps={{ danger: true, loading: decide.isPending }}
        cancelText={t('bankVerification.cancel')}
        onCancel={() => setRefusing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void refuse(v)}>
          <Form.Item
            name="reason"
            label={t('bankVerification.reason')}
            extra={t('bankVerification.reasonHelp')}
            rules={[{ required: true, whitespace: true, message: t('bankVerification.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
