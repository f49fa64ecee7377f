import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Progress, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../lib/api/client';
import { toProblem } from '../../../lib/api/problem';
import { useLanguage } from '../../../lib/i18n';
import { formatFen } from '../../../lib/money';

/** The page's heading and intro, as every console page has them. */
export function PageHeading({ title, intro, extra }: { title: string; intro?: string; extra?: ReactNode }) {
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

/** Program titles by code (`GET /programs`), in the UI language; the code while they load. */
export function useProgramTitle(): (code: string | null | undefined) => string {
  const language = useLanguage();
  const { data } = useQuery({
    queryKey: ['programs'],
    queryFn: () => unwrap(api.GET('/programs')),
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
  return (code) => {
    if (!code) return '';
    const program = data?.find((p) => p.code === code);
    if (!program) return code;
    return language === 'en' ? program.title.en : program.title.zh;
  };
}

/** The programs in force, as Select options (label: title). */
export function useProgramOptions(): { value: string; label: string }[] {
  const language = useLanguage();
  const { data } = useQuery({
    queryKey: ['programs'],
    queryFn: () => unwrap(api.GET('/programs')),
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
  return (data ?? []).map((p) => ({ value: p.code, label: language === 'en' ? p.title.en : p.title.zh }));
}

/** A pool's utilisation: reserved + paid of the allocation (paid shown as the inner, darker part). */
export function Utilisation({
  allocatedFen,
  reservedFen,
  paidFen,
}: {
  allocatedFen: number;
  reservedFen: number;
  paidFen: number;
}) {
  const { t } = useTranslation();
  const pct = (fen: number) => (allocatedFen > 0 ? Math.round((fen / allocatedFen) * 1000) / 10 : 0);
  const used = pct(reservedFen + paidFen);
  return (
    <Tooltip
      title={t('finance.pools.utilisationTip', {
        paid: formatFen(paidFen),
        reserved: formatFen(reservedFen),
        allocated: formatFen(allocatedFen),
      })}
    >
      <Progress
        percent={used}
        success={{ percent: pct(paidFen) }}
        size="small"
        aria-label={t('finance.pools.utilisation')}
        format={(p) => `${p ?? 0}%`}
        style={{ minWidth: 140 }}
      />
    </Tooltip>
  );
}

/** An export button: runs `run`, shows its error as a message. */
export function ExportButton({ label, run }: { label: string; run: () => Promise<void> }) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        run()
          .catch((error: unknown) => void message.error(toProblem(error, t('app.networkError')).title))
          .finally(() => setBusy(false));
      }}
    >
      {label}
    </Button>
  );
}
