import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEvidenceBlob, type QueuedFact } from '../api/declared-facts-queue';

/** An evidence file shown inline: a PDF in a frame, an image as an image (fetched with the token). */
export function EvidencePreview({ fact, docId, name }: { fact: QueuedFact; docId: string; name: string }) {
  const { t } = useTranslation();
  const blob = useEvidenceBlob(fact, docId);
  if (blob.error) return <Alert type="error" showIcon title={t('publicityDesk.facts.previewFailed')} />;
  if (!blob.url) return <Spin style={{ display: 'block', margin: 24 }} />;
  const title = t('publicityDesk.facts.previewTitle', { name });
  return blob.type?.startsWith('image/') ? (
    <img src={blob.url} alt={title} style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block' }} />
  ) : (
    <iframe src={blob.url} title={title} style={{ width: '100%', height: '70vh', border: 'none' }} />
  );
}
