import { Alert, Card, Descriptions, Progress, Statistic, Row, Col, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LABEL_COLOR } from '../../../lib/contrast';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatFen } from '../../../lib/money';
import { formatInstant } from '../../../lib/time';
import { useAutoPrograms, useSweep, useSweepOffers } from '../api/policy-data';
import { PageHeading, percentOf } from '../components/page-heading';

/**
 * One sweep: live progress (polled each second until it finishes), then its results — offers made,
 * grants that already existed, enterprises skipped (blacklisted) and errors with their reason — and
 * the offers of its program and year.
 */
export function SweepPage() {
  const { t } = useTranslation();
  const label = useLabels();
  const language = useLanguage();
  const { id = '' } = useParams();
  const sweep = useSweep(id);
  const programs = useAutoPrograms();
  const s = sweep.data;
  const finished = s?.status === 'completed' || s?.status === 'failed';
  const offers = useSweepOffers(s?.programCode, s?.fiscalYear ?? 0, !!s && finished);
  const title = (code: string | null | undefined) => {
    if (!code) return t('policyData.sweeps.allPrograms');
    const p = programs.data?.find((x) => x.code === code);
    return p ? (language === 'en' ? p.title.en : p.title.zh) : code;
  };

  return (
    <>
      <Typography.Paragraph>
        <Link to="/policy-data/sweeps">{t('policyData.sweeps.back')}</Link>
      </Typography.Paragraph>
      <PageHeading
        title={t('policyData.sweeps.detailTitle', {
          program: title(s?.programCode),
          year: s?.fiscalYear ?? '',
        })}
      />
      {s && (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Progress
              percent={percentOf(s)}
              status={s.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
              aria-label={t('policyData.sweeps.progress')}
            />
            <Typography.Paragraph style={{ marginTop: 8 }} role="status">
              {label('sweepStatus', s.status)} ·{' '}
              {t('policyData.sweeps.processedOf', { processed: s.processed, total: s.total })}
            </Typography.Paragraph>
            {s.lastError && <Alert type="error" showIcon title={s.lastError} />}
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Statistic title={t('policyData.sweeps.offers')} value={s.offersCreated} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('policyData.sweeps.duplicates')} value={s.duplicates} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('policyData.sweeps.skippedBlacklist')} value={s.skipped} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('policyData.sweeps.errors')} value={s.errorCount} />
              </Col>
            </Row>
          </Card>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions
              styles={{ label: { color: LABEL_COLOR } }}
              column={{ xs: 1, md: 2 }}
              items={[
                {
                  key: 'trigger',
                  label: t('policyData.sweeps.trigger'),
                  children: label('sweepTrigger', s.trigger),
                },
                { key: 'asOf', label: t('policyData.sweeps.asOf'), children: s.asOf },
                {
                  key: 'started',
                  label: t('policyData.sweeps.startedAt'),
                  children: formatInstant(s.startedAt, language),
                },
                {
                  key: 'finished',
                  label: t('policyData.sweeps.finishedAt'),
                  children: s.finishedAt ? formatInstant(s.finishedAt, language) : '—',
                },
                {
                  key: 'versions',
                  label: t('policyData.sweeps.versions'),
                  children: s.programVersions
                    .map((v) =>
                      t('policyData.sweeps.version', { program: title(v.code), version: v.version }),
                    )
                    .join('；'),
                },
              ]}
            />
          </Card>
          {s.errors.length > 0 && (
            <Card
              style={{ marginBottom: 16 }}
              title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('policyData.sweeps.errorList')}</h2>}
            >
              <Table
                rowKey={(e) => `${e.enterpriseId}:${e.at}`}
                dataSource={s.errors}
                pagination={false}
                columns={[
                  { title: t('policyData.sweeps.enterprise'), dataIndex: 'enterpriseId' },
                  { title: t('policyData.sweeps.reason'), dataIndex: 'message' },
                  {
                    title: t('policyData.sweeps.at'),
                    key: 'at',
                    render: (_, e) => formatInstant(e.at, language),
                  },
                ]}
              />
            </Card>
          )}
          {finished && (
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('policyData.sweeps.offerList')}</h2>}>
              <Table
                rowKey="id"
                loading={offers.isLoading}
                dataSource={offers.data}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                locale={{ emptyText: t('policyData.sweeps.noOffers') }}
                columns={[
                  { title: t('policyData.sweeps.reference'), dataIndex: 'reference' },
                  { title: t('policyData.sweeps.enterprise'), dataIndex: 'enterpriseName' },
                  {
                    title: t('policyData.sweeps.program'),
                    key: 'program',
                    render: (_, c) => title(c.programCode),
                  },
                  {
                    title: t('policyData.sweeps.amount'),
                    key: 'amount',
                    render: (_, c) => (c.computedAmountFen != null ? formatFen(c.computedAmountFen) : '—'),
                  },
                  {
                    title: t('policyData.sweeps.state'),
                    key: 'state',
                    render: (_, c) => <Tag>{label('applicationState', c.state)}</Tag>,
                  },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </>
  );
}
