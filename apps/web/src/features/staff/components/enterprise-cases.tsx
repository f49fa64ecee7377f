import { Card, Table, Typography } from 'antd';
import { EmptyText } from './empty-text';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem } from '../../../lib/api/problem';
import { useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { useEnterpriseCases, type Application } from '../api/case';

/** States whose approved amount is no grant (refused, withdrawn, lapsed, taken back). */
const NO_GRANT = new Set(['rejected', 'withdrawn', 'expired', 'cancelled', 'revoked', 'declined', 'lapsed']);

/**
 * 该企业本年度其他申报: the enterprise's other cases of the case's fiscal year (state, amount) and the
 * total granted to it that year, so a reviewer sees the whole picture before deciding.
 */
export function EnterpriseCases({
  application,
  programTitle,
}: {
  application: Application;
  programTitle: (code: string) => string;
}) {
  const { t } = useTranslation();
  const label = useLabels();
  const cases = useEnterpriseCases(application.enterpriseId);
  const others = (cases.data?.items ?? []).filter(
    (c) => c.id !== application.id && c.fiscalYear === application.fiscalYear,
  );
  const granted = others.filter((c) => c.approvedAmountFen != null && !NO_GRANT.has(c.state));
  const grantedFen = granted.reduce((sum, c) => sum + BigInt(c.approvedAmountFen ?? 0), 0n);
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('staff.enterpriseCases.title', { year: application.fiscalYear })}
        </Typography.Title>
      }
      style={{ marginBottom: 16 }}
    >
      {cases.isError && <ProblemAlert problem={toProblem(cases.error, t('app.networkError'))} />}
      <Typography.Paragraph>
        {t('staff.enterpriseCases.granted', { count: granted.length, amount: formatFen(grantedFen) })}
      </Typography.Paragraph>
      <Table<Application>
        size="small"
        rowKey="id"
        loading={cases.isPending}
        pagination={false}
        dataSource={others}
        locale={{ emptyText: <EmptyText>{t('staff.enterpriseCases.none')}</EmptyText> }}
        columns={[
          {
            key: 'reference',
            title: t('staff.inbox.reference'),
            render: (_, c) => <Link to={`/review/applications/${c.id}`}>{c.reference}</Link>,
          },
          { key: 'program', title: t('staff.inbox.program'), render: (_, c) => programTitle(c.programCode) },
          {
            key: 'state',
            title: t('staff.inbox.state'),
            render: (_, c) => label('applicationState', c.state),
          },
          {
            key: 'amount',
            title: t('staff.inbox.amount'),
            align: 'right',
            render: (_, c) => {
              const fen = c.approvedAmountFen ?? c.computedAmountFen;
              return fen == null ? '—' : formatFen(fen);
            },
          },
        ]}
      />
    </Card>
  );
}
