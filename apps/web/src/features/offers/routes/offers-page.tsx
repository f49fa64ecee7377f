import { Alert, App, Button, Space, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { useLanguage } from '../../../lib/i18n';
import { maskAccountNo } from '../../../lib/bank-account';
import { formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import { useEnterprise, useOfferAction, useOffers, usePrograms } from '../api/offers';

/** 免申即享: grants the system found for the enterprise, each confirmed (paid to its account) or declined. */
export function OffersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { modal, message } = App.useApp();
  const me = useMe();
  const enterprise = useEnterprise(me.data?.enterpriseId);
  const offers = useOffers();
  const programs = usePrograms();
  const action = useOfferAction();
  const title = (code: string) => {
    const p = programs.data?.find((x) => x.code === code);
    return p ? (language === 'en' ? p.title.en : p.title.zh) : code;
  };
  const account = enterprise.data?.bankAccount;

  const ask = (id: string, type: 'confirm' | 'decline', programTitle: string, amount: string) => {
    void modal.confirm({
      title: t(type === 'confirm' ? 'offers.confirmTitle' : 'offers.declineTitle'),
      content:
        type === 'confirm' ? (
          <div>
            <p>{t('offers.confirmText', { program: programTitle, amount })}</p>
            <p data-testid="offer-account">
              {t('offers.paidTo', {
                bank: account?.bankName ?? '',
                account: account ? maskAccountNo(account.accountNo) : '',
                name: account?.accountName ?? '',
              })}
            </p>
          </div>
        ) : (
          t('offers.declineText', { program: programTitle })
        ),
      okText: t(type === 'confirm' ? 'offers.confirm' : 'offers.decline'),
      okButtonProps: type === 'decline' ? { danger: true } : undefined,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await action.mutateAsync({ id, type });
          void message.success(t(type === 'confirm' ? 'offers.confirmed' : 'offers.declined'));
        } catch (error) {
          const problem = toProblem(error, t('app.networkError'));
          void message.error(problem.detail ?? problem.title);
        }
      },
    });
  };

  if (offers.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (offers.isError) return <ProblemAlert problem={toProblem(offers.error, t('app.networkError'))} />;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('offers.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('offers.intro')}</Typography.Paragraph>
      {enterprise.data && !account && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('offers.noAccount')}
          action={<Link to="/enterprise/bank-account">{t('offers.setAccount')}</Link>}
        />
      )}
      <Table
        rowKey="id"
        dataSource={offers.data.items}
        pagination={false}
        locale={{ emptyText: <span style={{ color: 'rgba(0,0,0,0.75)' }}>{t('offers.none')}</span> }}
        columns={[
          {
            title: t('offers.program'),
            key: 'program',
            render: (_, a) => <Link to={`/applications/${a.id}`}>{title(a.programCode)}</Link>,
          },
          { title: t('offers.reference'), dataIndex: 'reference' },
          {
            title: t('offers.amount'),
            key: 'amount',
            align: 'right',
            render: (_, a) => (a.computedAmountFen != null ? formatFen(a.computedAmountFen) : '—'),
          },
          {
            title: t('offers.deadline'),
            key: 'deadline',
            render: (_, a) => (a.deadline ? formatInstant(a.deadline.dueAt, language) : '—'),
          },
          {
            title: t('offers.actions'),
            key: 'actions',
            render: (_, a) => {
              const amount = a.computedAmountFen != null ? formatFen(a.computedAmountFen) : '—';
              return (
                <Space>
                  <Button
                    type="primary"
                    disabled={!account || !a.availableActions.includes('confirm')}
                    onClick={() => ask(a.id, 'confirm', title(a.programCode), amount)}
                  >
                    {t('offers.confirm')}
                  </Button>
                  <Button
                    danger
                    disabled={!a.availableActions.includes('decline')}
                    onClick={() => ask(a.id, 'decline', title(a.programCode), amount)}
                  >
                    {t('offers.decline')}
                  </Button>
                </Space>
              );
            },
          },
        ]}
      />
    </>
  );
}
