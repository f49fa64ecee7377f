import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { api } from '../support/api-client';

describe('health and OpenAPI', () => {
  it('answers liveness and readiness with Postgres and Redis up', async () => {
    await api().get('/health/live').expect(200);
    const ready = await api().get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves a valid OpenAPI 3 document generated from the controllers', async () => {
    const res = await api().get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const validation = spawnSync(process.execPath, [join(__dirname, '../support/validate-openapi.mjs')], {
      input: JSON.stringify(res.body),
      encoding: 'utf8',
    });
    expect(validation.stdout.trim()).toBe('valid');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/auth/login',
        '/auth/register-enterprise',
        '/enterprises/{id}',
        '/admin/users',
      ]),
    );
    expect(res.body.components.schemas.RegisterEnterpriseDto.required).toEqual(
      expect.arrayContaining(['uscc', 'name', 'zoneCode', 'username', 'password']),
    );
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await api().get('/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });

  it('echoes the caller X-Request-Id and puts it in problem documents', async () => {
    const res = await api().get('/no-such-route').set('x-request-id', 'trace-abc-123');
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, requestId: 'trace-abc-123', instance: '/no-such-route' });
  });

  it('generates a request id when the caller sends none or a hostile one', async () => {
    const res = await api()
      .get('/health/live')
      .set('x-request-id', 'bad id\nwith newline'.replace('\n', ' '));
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
