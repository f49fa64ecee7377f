import { Typography } from 'antd';
import type { ReactNode } from 'react';

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

/** The facts feed template: the header the import reads and one example of each kind of value. */
export const FACTS_TEMPLATE = [
  'uscc,key,period,value,source,idNumber',
  '91430124MA4L8XXXXX,rnd_expense_fen,2025,120000000,tax_bureau,',
  '91430124MA4L8XXXXX,high_tech_certificate,,"{""certificateNo"":""GR202543001234"",""grantedOn"":""2025-03-15""}",science_technology_bureau,',
  '',
].join('\r\n');

/** Offers a text as a UTF-8 (BOM) CSV download. */
export function downloadCsv(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A sweep's progress in percent (whole enterprises processed of the zone's total at start). */
export function percentOf(s: { processed: number; total: number; status: string }): number {
  if (s.status === 'completed') return 100;
  return s.total > 0 ? Math.floor((s.processed / s.total) * 100) : 0;
}
