import { Alert, Card, Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LABEL_COLOR } from '../../../lib/contrast';
import { useLanguage } from '../../../lib/i18n';
import { formatInstant } from '../../../lib/time';
import { useImport, type FeedRowError } from '../api/policy-data';
import { PageHeading } from '../components/page-heading';
import { rowField, rowMessage } from '../components/row-errors';

/** An import's report: its counts and each rejected row (row number, field, message in the UI language). */
export function ImportPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { id = '' } = useParams();
  const report = useImport(id);
  const r = report.data;

  return (
    <>
      <Typography.Paragraph>
        <Link to="/policy-data/imports">{t('policyData.imports.back')}</Link>
      </Typography.Paragraph>
      <PageHeading
        title={t('policyData.imports.reportTitle', { file: r?.fileName ?? r?.feedRef ?? '' })}
        intro={t('policyData.imports.reportIntro')}
      />
      {r && (
        <>
          {r.replayed && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('policyData.imports.replayed')}
            />
          )}
          <Alert
            type={r.rejected > 0 ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 16 }}
            title={
              r.rejected > 0
                ? t('policyData.imports.summaryErrors', { rejected: r.rejected, written: r.written })
                : t('policyData.imports.summaryClean', { written: r.written })
            }
          />
          <Card style={{ marginBottom: 16 }}>
            <Descriptions
              styles={{ label: { color: LABEL_COLOR } }}
              column={{ xs: 1, sm: 2, md: 4 }}
              items={[
                { key: 'rows', label: t('policyData.imports.rows'), children: r.rows },
                { key: 'written', label: t('policyData.imports.written'), children: r.written },
                { key: 'unchanged', label: t('policyData.imports.unchanged'), children: r.unchanged },
                { key: 'duplicates', label: t('policyData.imports.duplicates'), children: r.duplicates },
                { key: 'rejected', label: t('policyData.imports.rejected'), children: r.rejected },
                { key: 'enterprises', label: t('policyData.imports.enterprises'), children: r.enterprises },
                {
                  key: 'at',
                  label: t('policyData.imports.importedAt'),
                  children: formatInstant(r.createdAt, language),
                },
              ]}
            />
          </Card>
          {r.errors.length > 0 && (
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('policyData.imports.errors')}</h2>}>
              {r.errorsTruncated && (
                <Alert
                  type="warning"
                  style={{ marginBottom: 12 }}
                  title={t('policyData.imports.truncated')}
                />
              )}
              <Table<FeedRowError>
                rowKey={(e) => `${e.row}:${e.field}:${e.message}`}
                dataSource={r.errors}
                pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
                columns={[
                  { title: t('policyData.imports.row'), dataIndex: 'row', width: 100 },
                  {
                    title: t('policyData.imports.field'),
                    key: 'field',
                    render: (_, e) => rowField(t, e.field),
                  },
                  {
                    title: t('policyData.imports.message'),
                    key: 'message',
                    render: (_, e) => rowMessage(t, e.message),
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
