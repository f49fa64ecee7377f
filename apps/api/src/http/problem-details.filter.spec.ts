import type { ArgumentsHost } from '@nestjs/common';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Runs the filter on `exception` and returns what it answered. */
function answer(exception: unknown): {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
} {
  const sent = { status: 0, headers: {} as Record<string, string>, body: {} as Record<string, unknown> };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(payload: string) {
      sent.body = JSON.parse(payload) as Record<string, unknown>;
      return reply;
    },
  };
  const request = { url: '/applications/x/documents/y', id: 'req-1' };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  const filter = new ProblemDetailsFilter();
  (filter as unknown as { logger: { warn: () => void; error: () => void } }).logger = {
    warn: () => undefined,
    error: () => undefined,
  };
  filter.catch(exception, host);
  return sent;
}

describe('ProblemDetailsFilter: the database going away is a 503, never a 500', () => {
  it.each([
    ['a query runner released because its connection died', new QueryRunnerAlreadyReleasedError()],
    ['a manager whose query runner was released', new QueryRunnerProviderAlreadyReleasedError()],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    [
      'a burst larger than the pool, past its wait bound',
      new Error('timeout exceeded when trying to connect'),
    ],
    [
      'a lock not granted within lock_timeout (55P03)',
      new QueryFailedError(
        'INSERT INTO applications',
        [],
        Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' }),
      ),
    ],
    [
      'an administrator shutdown (57P01)',
      new QueryFailedError(
        'SELECT 1',
        [],
        Object.assign(new Error('terminating connection'), { code: '57P01' }),
      ),
    ],
  ])('%s', (_what, exception) => {
    const res = answer(exception);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 503, type: expect.stringMatching(/service-unavailable/) });
  });

  it('anything unknown stays a 500 that leaks nothing', () => {
    const res = answer(new Error('secret internals'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('secret internals');
  });
});
