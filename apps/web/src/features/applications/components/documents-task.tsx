import { Alert, Button, Card, List, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../../lib/api/client';
import { useLanguage } from '../../../lib/i18n';
import {
  contentTypeNames,
  DEFAULT_CONTENT_TYPES,
  DEFAULT_MAX_SIZE_BYTES,
  formatBytes,
  localized,
  type DocumentDefinition,
} from '../../../lib/program-definition';
import { formatInstant } from '../../../lib/time';
import { useUploadDocument } from '../api/upload-document';
import { TAG_DANGER } from '../../../lib/contrast';

type Application = components['schemas']['ApplicationView'];

export const uploadId = (type: string) => `upload-${type}`;

/** One upload per document the program asks for, with its allowed types, size and a progress bar. */
export function DocumentsTask({
  application,
  documents,
  onDone,
}: {
  application: Application;
  documents: DocumentDefinition[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { upload, states } = useUploadDocument(application.id);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const uploaded = application.documents ?? [];

  const choose = (doc: DocumentDefinition, file: File | undefined) => {
    if (!file) return;
    const types = doc.contentTypes ?? DEFAULT_CONTENT_TYPES;
    const max = doc.maxSizeBytes ?? DEFAULT_MAX_SIZE_BYTES;
    const title = localized(doc.title, language);
    let error = '';
    if (file.type && !types.includes(file.type))
      error = t('wizard.wrongType', { document: title, types: contentTypeNames(types, language) });
    else if (file.size > max) error = t('wizard.tooLarge', { document: title, size: formatBytes(max) });
    setLocalErrors((e) => ({ ...e, [doc.type]: error }));
    if (!error) void upload(doc.type, file);
  };

  return (
    <>
      {documents.length === 0 && <Typography.Paragraph>{t('wizard.noDocuments')}</Typography.Paragraph>}
      {documents.map((doc) => {
        const title = localized(doc.title, language);
        const files = uploaded.filter((d) => d.documentType === doc.type);
        const state = states[doc.type];
        const error = localErrors[doc.type] || state?.error?.problem.detail || state?.error?.problem.title;
        return (
          <Card
            key={doc.type}
            size="small"
            style={{ marginBottom: 16, maxWidth: 720 }}
            title={
              <Space>
                <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
                  {title}
                </Typography.Title>
                <Tag color={doc.mandatory ? TAG_DANGER : 'default'}>
                  {doc.mandatory ? t('wizard.mandatory') : t('wizard.optional')}
                </Tag>
              </Space>
            }
          >
            <Typography.Paragraph type="secondary">
              {t('wizard.allowed', {
                types: contentTypeNames(doc.contentTypes, language),
                size: formatBytes(doc.maxSizeBytes ?? DEFAULT_MAX_SIZE_BYTES),
              })}
            </Typography.Paragraph>
            {files.length > 0 && (
              <List
                size="small"
                dataSource={files}
                rowKey="id"
                renderItem={(d) => (
                  <List.Item>
                    {d.fileName} · {formatBytes(d.sizeBytes)} · {formatInstant(d.createdAt, language)}
                  </List.Item>
                )}
              />
            )}
            <label htmlFor={uploadId(doc.type)} style={{ display: 'block', margin: '8px 0 4px' }}>
              {t('wizard.uploadLabel', { document: title })}
            </label>
            <input
              id={uploadId(doc.type)}
              type="file"
              accept={(doc.contentTypes ?? DEFAULT_CONTENT_TYPES).join(',')}
              onChange={(event) => {
                choose(doc, event.target.files?.[0]);
                event.target.value = '';
              }}
            />
            {state?.percent != null && (
              <Progress
                percent={state.percent}
                status={state.percent === 100 ? 'success' : 'active'}
                aria-label={t('wizard.progress', { document: title })}
                style={{ maxWidth: 400 }}
              />
            )}
            {error && <Alert type="error" role="alert" showIcon title={error} style={{ marginTop: 8 }} />}
          </Card>
        );
      })}
      <Button type="primary" onClick={onDone}>
        {t('wizard.continue')}
      </Button>
    </>
  );
}
