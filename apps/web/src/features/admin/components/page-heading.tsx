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

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A one-time password: 16 characters from the browser's CSPRNG (no look-alike characters). */
export function generatePassword(length = 16): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  // 256 is not a multiple of the alphabet's size: redraw the bytes that would bias the choice.
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  let out = '';
  for (const b of bytes) {
    if (b < limit) out += PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length];
  }
  return out.length === length ? out : out + generatePassword(length - out.length);
}
