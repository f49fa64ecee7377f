import { InboxOutlined } from '@ant-design/icons';
import { Card, Progress, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatInstant } from '../../../lib/time';
import {
  allPages,
  fetchStatementsPage,
  useMatchProposals,
  useStatements,
  type MatchProposal,
  type StatementImport,
} from '../api/finance';
import { saveCsv, uploadStatement } from '../api/files';
import { ExportButton, PageHeading } from '../components/shared';

/** Lines needing a person: every outcome but matched / returned / recovered / already settled. */
function unresolvedOf(s: StatementImport): number {
  const c = s.counts ?? {};
  return (c.amount_mismatch ?? 0) + (c.unknown_reference ?? 0) + (c.needs_review ?? 0) + (c.invalid ?? 0);
}

/**
 * 银行流水: upload a statement as the bank exports it (progress bar while it uploads), the imports so far,
 * and the hand matches waiting for a second finance user.
 */
export function StatementsPage() {
  const { t } = useTranslation();
  const label = useLabels();
  const language = useLanguage();
  const navigate = useNavigate();
  const me = useMe();
  const [page, setPage] = useState(1);
  const statements = useStatements(page);
  const proposals = useMatchProposals('pending');
  const [percent, setPercent] = useState<number | null>(null);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);

  const exportCsv = async () => {
    const items = await allPages(fetchStatementsPage);
    saveCsv(
      t('finance.statements.csvName'),
      [
        t('finance.statements.fileName'),
        t('finance.statements.status'),
        t('finance.statements.lines'),
        t('finance.statements.unresolved'),
        t('finance.statements.importedAt'),
      ],
      items.map((s) => [
        s.fileName,
        label('statementStatus', s.status),
        s.lineCount,
        unresolvedOf(s),
        formatInstant(s.createdAt, language),
      ]),
    );
  };

  return (
    <>
      <PageHeading
        title={t('finance.statements.title')}
        intro={t('finance.statements.intro')}
        extra={<ExportButton label={t('finance.exportCsv')} run={exportCsv} />}
      />
      {me.data?.role === 'finance' && (
        <Card style={{ marginBottom: 24 }}>
          <ProblemAlert problem={problem} />
          <Upload.Dragger
            name="file"
            multiple={false}
            showUploadList={false}
            accept=".csv,.txt,.xlsx,.xls"
            disabled={percent !== null}
            customRequest={({ file, onProgress, onSuccess, onError }) => {
              setProblem(null);
              setPercent(0);
              uploadStatement(file as File, (p) => {
                setPercent(p);
                onProgress?.({ percent: p });
              })
                .then((result) => {
                  onSuccess?.(result);
                  setPercent(null);
                  void navigate(`/finance/statements/${result.id}`);
                })
                .catch((error: unknown) => {
                  onError?.(error as Error);
                  setPercent(null);
                  setProblem(toProblem(error, t('app.networkError')));
                });
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('finance.statements.upload')}</p>
            <p className="ant-upload-hint">{t('finance.statements.uploadHint')}</p>
          </Upload.Dragger>
          {percent !== null && (
            <Progress
              percent={percent}
              status="active"
              aria-label={t('finance.statements.uploading')}
              style={{ marginTop: 12 }}
            />
          )}
        </Card>
      )}
      {(proposals.data?.length ?? 0) > 0 && (
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('finance.statements.queue')}</h2>}
          style={{ marginBottom: 24 }}
        >
          <Table<MatchProposal>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={proposals.data}
            columns={[
              {
                title: t('finance.statements.line'),
                key: 'line',
                render: (_, p) => (
                  <Link to={`/finance/statements/${p.importId}`}>
                    {t('finance.statements.lineNo', { n: p.lineNo })}
                  </Link>
                ),
              },
              { title: t('finance.report.matchedTo'), dataIndex: 'reference' },
              {
                title: t('finance.report.proposedBy'),
                key: 'by',
                render: (_, p) => p.proposedByName ?? p.proposedBy,
              },
              { title: t('finance.report.comment'), dataIndex: 'comment' },
              {
                title: t('finance.report.proposedAt'),
                dataIndex: 'proposedAt',
                render: (v: string) => formatInstant(v, language),
              },
            ]}
          />
        </Card>
      )}
      {statements.isError && <ProblemAlert problem={toProblem(statements.error, t('app.networkError'))} />}
      <Table<StatementImport>
        rowKey="id"
        loading={statements.isFetching}
        dataSource={statements.data?.items}
        scroll={{ x: true }}
        pagination={{
          current: page,
          pageSize: statements.data?.pageSize ?? 20,
          total: statements.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('finance.statements.fileName'),
            dataIndex: 'fileName',
            render: (name: string, s) => <Link to={`/finance/statements/${s.id}`}>{name}</Link>,
          },
          {
            title: t('finance.statements.status'),
            dataIndex: 'status',
            render: (v: string) => label('statementStatus', v),
          },
          { title: t('finance.statements.lines'), dataIndex: 'lineCount' },
          { title: t('finance.statements.unresolved'), key: 'unresolved', render: (_, s) => unresolvedOf(s) },
          {
            title: t('finance.statements.importedAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatInstant(v, language),
          },
        ]}
      />
    </>
  );
}
