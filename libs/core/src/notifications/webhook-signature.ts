import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-huiqi-signature';
export const TIMESTAMP_HEADER = 'x-huiqi-timestamp';
export const DELIVERY_HEADER = 'x-huiqi-delivery';
export const EVENT_HEADER = 'x-huiqi-event';

/** `sha256=<hex HMAC-SHA256 of the raw body with the endpoint's secret>`. */
export function signWebhookBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** What a receiver does: recompute the signature over the raw bytes and compare in constant time. */
export function verifyWebhookSignature(secret: string, rawBody: string | Buffer, header: string): boolean {
  const expected = Buffer.from(signWebhookBody(secret, rawBody));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A secret for an endpoint whose admin did not bring one: 32 random bytes, hex. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('hex');
}
