import { Alert, Button, Card, List, Space, Spin, Typography } from 'antd';
import { EmptyText } from './empty-text';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import { formatBytes } from '../../../lib/program-definition';
import { formatInstant } from '../../../lib/time';
import type { Application } from '../api/case';
import { useDocumentBlob } from '../api/document-blob';

type Document = NonNullable<Application['documents']>[number];

/** The selected document inline: a PDF framed, an image as <img>, anything else as a download. */
function Preview({ applicationId, document }: { applicationId: string; document: Document }) {
  const { t } = useTranslation();
  const { url, error } = useDocumentBlob(applicationId, document.id);
  if (error) return <Alert type="error" showIcon title={t('staff.documents.loadFailed')} />;
  if (!url) return <Spin />;
  const download = (
    <a href={url} download={document.fileName}>
      {t('staff.documents.download', { name: document.fileName })}
    </a>
  );
  if (document.contentType === 'application/pdf')
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <iframe
          src={url}
          title={t('staff.documents.previewOf', { name: document.fileName })}
          style={{ width: '100%', height: 640, border: '1px solid #d9d9d9' }}
          data-testid="document-preview"
        />
        {download}
      </Space>
    );
  if (document.contentType.startsWith('image/'))
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <img
          src={url}
          alt={t('staff.documents.previewOf', { name: document.fileName })}
          style={{ maxWidth: '100%', maxHeight: 640, border: '1px solid #d9d9d9' }}
          data-testid="document-preview"
        />
        {download}
      </Space>
    );
  return download;
}

/** 申报材料: each document with its type, size and upload time; the chosen one previewed inline. */
export function DocumentsCard({ application }: { application: Application }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useLabels();
  const documents = application.documents ?? [];
  const [selected, setSelected] = useState<string | null>(documents[0]?.id ?? null);
  useEffect(() => {
    if (!documents.some((d) => d.id === selected)) setSelected(documents[0]?.id ?? null);
  }, [documents, selected]);
  const current = documents.find((d) => d.id === selected);
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('staff.documents.title')}
        </Typography.Title>
      }
      style={{ marginBottom: 16 }}
    >
      <List
        size="small"
        dataSource={documents}
        rowKey="id"
        locale={{ emptyText: <EmptyText>{t('staff.documents.none')}</EmptyText> }}
        renderItem={(d) => (
          <List.Item
            actions={[
              <Button
                key="preview"
                size="small"
                type={d.id === selected ? 'primary' : 'default'}
                aria-pressed={d.id === selected}
                aria-label={t('staff.documents.previewOf', { name: d.fileName })}
                onClick={() => setSelected(d.id)}
              >
                {t('staff.documents.preview')}
              </Button>,
            ]}
          >
            <span>
              <Typography.Text strong>{label('documentType', d.documentType)}</Typography.Text>：{d.fileName}
              <Typography.Text type="secondary">
                {' '}
                · {formatBytes(d.sizeBytes)} · {formatInstant(d.createdAt, language)}
              </Typography.Text>
            </span>
          </List.Item>
        )}
      />
      {current && (
        <div style={{ marginTop: 16 }}>
          <Preview key={current.id} applicationId={application.id} document={current} />
        </div>
      )}
    </Card>
  );
}
