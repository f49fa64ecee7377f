import { once } from 'node:events';
import { createServer, IncomingMessage } from 'node:http';

export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  rawBody: Buffer;
  body: Record<string, unknown> & {
    id: string;
    event: string;
    timestamp: number;
    application: { id: string };
    recipient: { userId: string; locale: string };
  };
}

/** What the receiver answers; it may wait (to hold a delivery in flight) before answering. */
export type Responder = (hook: ReceivedWebhook) => number | Promise<number>;

/** An HTTP server on loopback standing in for a zone's other system. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  respondWith(responder: Responder): void;
  waitFor(
    predicate: (h: ReceivedWebhook) => boolean,
    count?: number,
    timeoutMs?: number,
  ): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(path = '/hooks/huiqi'): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let responder: Responder = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const hook: ReceivedWebhook = {
        headers: req.headers,
        rawBody,
        body: JSON.parse(rawBody.toString('utf8')) as ReceivedWebhook['body'],
      };
      received.push(hook);
      void Promise.resolve(responder(hook)).then((status) => {
        res.statusCode = status;
        res.end(status >= 300 ? 'receiver says no' : 'ok');
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    respondWith(next) {
      responder = next;
    },
    async waitFor(predicate, count = 1, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.filter(predicate);
        if (found.length >= count) return found;
        if (Date.now() > deadline)
          throw new Error(
            `${found.length} of ${count} matching webhooks within ${timeoutMs} ms (${received.length} received)`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
