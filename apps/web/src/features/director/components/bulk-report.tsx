import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Progress,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../../lib/api/client';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatInstant } from '../../../lib/time';
import { downloadCsv } from '../../../lib/csv';

// Darker text than antd's preset tags: their green and red fail WCAG AA contrast.
const OUTCOME_STYLE = {
  succeeded: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  failed: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
} as const;

type BulkAction = components['schemas']['BulkActionView'];
type BulkCase = components['schemas']['BulkActionCaseView'];

/** Why a case failed, in the user's language: the problem slug's text, else the API's detail. */
export function useFailureReason() {
  const { t } = useTranslation();
  return (item: BulkCase) =>
    item.error
      ? t(`director.bulk.errorTypes.${item.error.type}`, {
          defaultValue: item.error.detail || item.error.type,
        })
      : '';
}

/** A bulk action's progress bar while the worker runs it, then its per-case report (exportable). */
export function BulkReport({ run }: { run: BulkAction }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const reasonOf = useFailureReason();
  const [show, setShow] = useState<'all' | 'failed'>('all');
  const finished = run.status === 'completed' || run.status === 'failed';
  const percent = run.total === 0 ? 0 : Math.floor((run.done / run.total) * 100);
  const items = (run.items ?? []).filter((i) => show === 'all' || i.outcome === 'failed');
  const outcomeText = (i: BulkCase) =>
    i.outcome ? t(`director.bulk.outcome.${i.outcome}`) : t('director.bulk.outcome.pending');

  const exportReport = () =>
    downloadCsv(
      `bulk-${run.action}-${run.id.slice(0, 8)}.csv`,
      [
        t('director.bulk.reference'),
        t('director.bulk.enterprise'),
        t('director.bulk.outcomeColumn'),
        t('director.bulk.stateAfter'),
        t('director.bulk.reason'),
      ],
      (run.items ?? []).map((i) => [
        i.reference,
        i.enterpriseName,
        outcomeText(i),
        i.stateAfter ? label('applicationState', i.stateAfter) : '',
        reasonOf(i),
      ]),
    );

  return (
    <Card
      title={t(run.action === 'approve' ? 'director.bulk.runTitleApprove' : 'director.bulk.runTitleReturn')}
      style={{ marginBottom: 16 }}
      data-testid="bulk-run"
    >
      <Typography.Paragraph type="secondary">
        {t('director.bulk.runMeta', { time: formatInstant(run.createdAt, language), comment: run.comment })}
      </Typography.Paragraph>
      <Progress
        aria-label={t('director.bulk.progress')}
        percent={percent}
        status={run.status === 'failed' ? 'exception' : finished ? 'success' : 'active'}
        format={() => <span style={{ color: 'rgba(0,0,0,0.88)' }}>{percent}%</span>}
      />
      <Typography.Paragraph data-testid="bulk-progress-text">
        {t('director.bulk.processed', { done: run.done, total: run.total })}
      </Typography.Paragraph>
      {run.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('director.bulk.runFailed')}
          style={{ marginBottom: 16 }}
        />
      )}
      {finished && (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('director.bulk.reportTitle')}
          </Typography.Title>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col>
              <Statistic
                data-testid="bulk-succeeded"
                title={t('director.bulk.succeeded')}
                value={run.succeeded}
                styles={{ content: { color: '#237804' } }}
              />
            </Col>
            <Col>
              <Statistic
                data-testid="bulk-failed"
                title={t('director.bulk.failed')}
                value={run.failed}
                styles={{ content: { color: run.failed > 0 ? '#a8071a' : undefined } }}
              />
            </Col>
          </Row>
          <Space style={{ marginBottom: 12 }} wrap>
            <Segmented
              aria-label={t('director.bulk.show')}
              value={show}
              onChange={(v) => setShow(v as 'all' | 'failed')}
              options={[
                { value: 'all', label: t('director.bulk.showAll') },
                { value: 'failed', label: t('director.bulk.showFailed') },
              ]}
            />
            <Button icon={<DownloadOutlined />} onClick={exportReport}>
              {t('director.bulk.exportReport')}
            </Button>
          </Space>
          <Table<BulkCase>
            size="small"
            rowKey="applicationId"
            dataSource={items}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[
              {
                title: t('director.bulk.reference'),
                key: 'reference',
                render: (_, i) => <Link to={`/applications/${i.applicationId}`}>{i.reference}</Link>,
              },
              { title: t('director.bulk.enterprise'), dataIndex: 'enterpriseName' },
              {
                title: t('director.bulk.outcomeColumn'),
                key: 'outcome',
                render: (_, i) => (
                  <Tag style={i.outcome ? OUTCOME_STYLE[i.outcome] : undefined}>{outcomeText(i)}</Tag>
                ),
              },
              {
                title: t('director.bulk.stateAfter'),
                key: 'stateAfter',
                render: (_, i) => (i.stateAfter ? label('applicationState', i.stateAfter) : '—'),
              },
              {
                title: t('director.bulk.reason'),
                key: 'reason',
                render: (_, i) => (i.error ? <span title={i.error.detail}>{reasonOf(i)}</span> : '—'),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
