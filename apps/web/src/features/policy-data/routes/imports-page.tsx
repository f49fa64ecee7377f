import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Progress, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import { toProblem, type ProblemDocument } from '../../../lib/api/problem';
import { useMe } from '../../../lib/auth/use-me';
import { TAG_SUCCESS, TAG_DANGER } from '../../../lib/contrast';
import { useLanguage } from '../../../lib/i18n';
import { formatInstant } from '../../../lib/time';
import { uploadFacts, useImports, type FeedImport } from '../api/policy-data';
import { downloadCsv, FACTS_TEMPLATE, PageHeading } from '../components/page-heading';

const PAGE_SIZE = 20;

/**
 * 数据导入: a facts file (CSV, UTF-8) uploaded with a progress bar, then its report; the template;
 * the zone's past imports. Only recorders (policy admins here) upload; auditors and admins read.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const me = useMe();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const imports = useImports(page, PAGE_SIZE);
  const [percent, setPercent] = useState<number | null>(null);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const canUpload = me.data?.role === 'policy_admin' || me.data?.role === 'officer';

  return (
    <>
      <PageHeading
        title={t('policyData.imports.title')}
        intro={t('policyData.imports.intro')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            onClick={() => downloadCsv(t('policyData.imports.templateName'), FACTS_TEMPLATE)}
          >
            {t('policyData.imports.template')}
          </Button>
        }
      />
      {canUpload && (
        <Card style={{ marginBottom: 24 }}>
          <ProblemAlert problem={problem} />
          <Upload.Dragger
            name="file"
            multiple={false}
            showUploadList={false}
            accept=".csv,.txt,.xlsx"
            disabled={percent !== null}
            customRequest={({ file, onProgress, onSuccess, onError }) => {
              setProblem(null);
              setPercent(0);
              uploadFacts(file as File, (p) => {
                setPercent(p);
                onProgress?.({ percent: p });
              })
                .then((report) => {
                  onSuccess?.(report);
                  setPercent(null);
                  // The list shows it when the user comes back (its page is otherwise cached for 30 s).
                  void queryClient.invalidateQueries({ queryKey: ['fact-imports'] });
                  void navigate(`/policy-data/imports/${report.id}`);
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
            <p className="ant-upload-text">{t('policyData.imports.upload')}</p>
            <p className="ant-upload-hint">{t('policyData.imports.uploadHint')}</p>
          </Upload.Dragger>
          {percent !== null && (
            <Progress
              percent={percent}
              status="active"
              aria-label={t('policyData.imports.uploading')}
              style={{ marginTop: 12 }}
            />
          )}
        </Card>
      )}
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('policyData.imports.past')}</h2>}>
        <Table<FeedImport>
          rowKey="id"
          loading={imports.isLoading}
          dataSource={imports.data?.items}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: imports.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('policyData.imports.file'),
              key: 'file',
              render: (_, r) => (
                <Link to={`/policy-data/imports/${r.id}`}>
                  {r.fileName ?? r.feedRef ?? t('policyData.imports.jsonFeed')}
                </Link>
              ),
            },
            {
              title: t('policyData.imports.importedAt'),
              key: 'at',
              render: (_, r) => formatInstant(r.createdAt, language),
            },
            { title: t('policyData.imports.rows'), dataIndex: 'rows' },
            { title: t('policyData.imports.written'), dataIndex: 'written' },
            {
              title: t('policyData.imports.rejected'),
              key: 'rejected',
              render: (_, r) =>
                r.rejected > 0 ? (
                  <Tag color={TAG_DANGER}>{r.rejected}</Tag>
                ) : (
                  <Tag color={TAG_SUCCESS}>0</Tag>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
