import { APP_CONFIG, AppConfig } from '@huiqi/config';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signWebhookBody,
  TIMESTAMP_HEADER,
} from '@huiqi/core/notifications/webhook-signature';
import { Inject, Injectable } from '@nestjs/common';

export interface WebhookCall {
  url: string;
  secret: string;
  deliveryId: string;
  event: string;
  content: Record<string, unknown>;
}

/**
 * POSTs one signed webhook. The body carries the delivery id and the timestamp, so the signature (an
 * HMAC over the raw body) covers them too: a receiver deduplicates on the id and may refuse stale
 * timestamps. Anything but a 2xx within the timeout is a failed attempt; redirects are not followed.
 */
@Injectable()
export class WebhookClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async post(call: WebhookCall): Promise<number> {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ id: call.deliveryId, timestamp, ...call.content });
    const response = await fetch(call.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(this.config.notifications.webhookTimeoutMs),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Huiqi-Webhooks/1',
        [SIGNATURE_HEADER]: signWebhookBody(call.secret, body),
        [TIMESTAMP_HEADER]: String(timestamp),
        [DELIVERY_HEADER]: call.deliveryId,
        [EVENT_HEADER]: call.event,
      },
      body,
    }).catch((error: unknown) => {
      throw new Error(`webhook unreachable: ${describeFetchError(error)}`);
    });
    const answer = (await response.text().catch(() => '')).slice(0, 300);
    if (response.status < 200 || response.status > 299) {
      throw new Error(`webhook answered HTTP ${response.status}${answer ? `: ${answer}` : ''}`);
    }
    return response.status;
  }
}

/** `fetch failed` says nothing; its cause (ECONNREFUSED, a timeout) does. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'no answer within WEBHOOK_TIMEOUT_MS';
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
