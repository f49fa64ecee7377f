import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../lib/i18n';
import { useLabels } from '../../../lib/labels';
import type { UiLanguage } from '../../../lib/time';
import { TAG_DANGER, TAG_SUCCESS } from '../../../lib/contrast';

/** The page's heading and intro, as every console page has them. */
export function PageHeading({
  title,
  intro,
  extra,
}: {
  title: string;
  intro?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 16 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {title}
        </Typography.Title>
        {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
      </div>
      {extra && <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{extra}</div>}
    </div>
  );
}

/** Today's date in Beijing, YYYY-MM-DD (program windows are Beijing calendar days). */
export function beijingToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The day before a YYYY-MM-DD date (calendar arithmetic, no time zone involved). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A Beijing calendar date as read: "2026年1月1日" or "2026-01-01", without going through a time zone. */
export function formatDay(date: string | null | undefined, language: UiLanguage): string {
  if (!date) return '';
  if (language === 'en') return date;
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A version's window in force: "2025年1月1日 至 2026年6月30日", "… 起长期有效", or "未生效". */
export function InForce({ from, to }: { from: string | null | undefined; to: string | null | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!from) return <>{t('policy.inForce.never')}</>;
  return (
    <>
      {to
        ? t('policy.inForce.range', { from: formatDay(from, language), to: formatDay(to, language) })
        : t('policy.inForce.openEnded', { from: formatDay(from, language) })}
    </>
  );
}

export const TAG_DRAFT = '#ad4e00';
export const TAG_CURRENT = '#0958d9';

/** Solid tags whose white text meets WCAG AA (antd's light presets do not). */
const LIFECYCLE_COLOURS: Record<string, string | undefined> = {
  draft: TAG_DRAFT,
  published: TAG_SUCCESS,
  superseded: undefined,
  retired: TAG_DANGER,
};

/** A version's lifecycle as a labelled tag (labels from `GET /labels`). */
export function LifecycleTag({ lifecycle }: { lifecycle: string }) {
  const label = useLabels();
  return <Tag color={LIFECYCLE_COLOURS[lifecycle]}>{label('programVersionLifecycle', lifecycle)}</Tag>;
}

/** A title in the UI language. */
export const textIn = (text: { zh: string; en: string } | undefined, language: UiLanguage) =>
  text ? (language === 'en' ? text.en : text.zh) : '';
