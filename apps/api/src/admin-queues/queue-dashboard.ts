import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pick } from '@huiqi/common';
import { PROBLEM_CONTENT_TYPE, problemType, slugForStatus, titleForStatus } from '../http/problem-details';
import { languageOf } from '../http/request-language';
import { QUEUE_DASHBOARD_PATH, QueueDashboardAuth } from './dashboard-auth';
import { DashboardQueues } from './dashboard-queues';

/**
 * Bull Board at /admin/queues: every queue with its waiting, delayed, active, failed and completed
 * jobs, failed jobs with their error and stack, retry and clean. Mounted as a Fastify plugin of its
 * own (outside Nest's guards), so QueueDashboardAuth guards every route of it in an onRequest hook.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const queues = app.get(DashboardQueues);
  const auth = app.get(QueueDashboardAuth);
  const serverAdapter = new FastifyAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [...queues.all.values()].map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Huiqi queues' } },
  });
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const verdict = await auth.authorize({
      method: request.method,
      headers: request.headers,
      host: request.host,
      secure: request.protocol === 'https',
      ip: request.ip,
    });
    if (verdict.ok) {
      if (verdict.setCookie) reply.header('set-cookie', verdict.setCookie);
      return;
    }
    if (verdict.challenge) reply.header('www-authenticate', verdict.challenge);
    return reply
      .status(verdict.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .header('cache-control', 'no-store')
      .send(
        JSON.stringify({
          type: problemType(slugForStatus(verdict.status)),
          title: pick(titleForStatus(verdict.status), languageOf(request)),
          status: verdict.status,
          detail: verdict.detail,
          instance: request.url.split('?')[0],
          requestId: String(request.id),
        }),
      );
  };
  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', guard);
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
