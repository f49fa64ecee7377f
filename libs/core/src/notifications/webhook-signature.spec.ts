import { createHmac } from 'node:crypto';
import { generateWebhookSecret, signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'a-shared-secret-of-at-least-32-characters';
  const body = JSON.stringify({ id: 'd1', event: 'application-approved', title: '申请已获批准' });

  it('is sha256=<hex HMAC-SHA256 of the raw body>, as any receiver can recompute it', () => {
    const hex = createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex');
    expect(signWebhookBody(secret, body)).toBe(`sha256=${hex}`);
  });

  it('verifies the signature it made and nothing else', () => {
    const signature = signWebhookBody(secret, body);
    expect(verifyWebhookSignature(secret, body, signature)).toBe(true);
    expect(verifyWebhookSignature(secret, `${body} `, signature)).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, body, signature)).toBe(false);
    expect(verifyWebhookSignature(secret, body, 'sha256=00')).toBe(false);
  });

  it('generates 256-bit secrets', () => {
    expect(generateWebhookSecret()).toMatch(/^[0-9a-f]{64}$/);
    expect(generateWebhookSecret()).not.toBe(generateWebhookSecret());
  });
});
