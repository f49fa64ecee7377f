import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives developer-machine defaults', () => {
    const c = loadConfig({});
    expect(c.database.url).toBe('postgres://postgres@127.0.0.1:5432/huiqi');
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.api.port).toBe(3000);
    expect(c.env).toBe('development');
    expect(c.warnings).toEqual(expect.arrayContaining([expect.stringContaining('JWT_SECRET')]));
  });

  it('parses numbers and booleans', () => {
    const c = loadConfig({ API_PORT: '8080', MIGRATE_ON_START: 'false', DATABASE_POOL_SIZE: '25' });
    expect(c.api.port).toBe(8080);
    expect(c.migrateOnStart).toBe(false);
    expect(c.database.poolSize).toBe(25);
  });

  it.each([
    ['API_PORT', 'eighty', 'API_PORT'],
    ['API_PORT', '70000', 'API_PORT'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL'],
    ['REDIS_URL', 'localhost:6379', 'REDIS_URL'],
    ['JWT_SECRET', 'short', 'JWT_SECRET'],
    ['ADMIN_PASSWORD', 'short', 'ADMIN_PASSWORD'],
    ['NODE_ENV', 'staging', 'NODE_ENV'],
    ['MIGRATE_ON_START', 'maybe', 'MIGRATE_ON_START'],
  ])('rejects %s=%s naming the variable', (key, value, named) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [key]: value });
    } catch (e) {
      expect((e as ConfigError).problems.join('\n')).toContain(named);
    }
  });

  it('requires real secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    const c = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      ID_HASH_SECRET: 'y'.repeat(40),
    });
    expect(c.auth.jwtSecret).toBe('x'.repeat(40));
    expect(c.warnings).toEqual([]);
  });
});

describe('loadConfig: notifications', () => {
  it('leaves email off without SMTP_URL and uses sane delivery defaults', () => {
    const c = loadConfig({});
    expect(c.notifications).toMatchObject({
      smtpUrl: null,
      publicUrl: null,
      deliveryAttempts: 8,
      deliveryBackoffMs: 10_000,
      webhookTimeoutMs: 10_000,
    });
  });

  it('reads SMTP_URL, PUBLIC_URL and the delivery settings', () => {
    const c = loadConfig({
      SMTP_URL: 'smtp://mailer:secret@127.0.0.1:2525',
      PUBLIC_URL: 'https://huiqi.example.gov.cn',
      DELIVERY_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '200',
    });
    expect(c.notifications).toMatchObject({
      smtpUrl: 'smtp://mailer:secret@127.0.0.1:2525',
      publicUrl: 'https://huiqi.example.gov.cn',
      deliveryAttempts: 3,
      deliveryBackoffMs: 200,
    });
  });

  it.each([
    ['SMTP_URL', 'mail.example.com:25'],
    ['PUBLIC_URL', 'https://huiqi.example.gov.cn/'],
    ['DELIVERY_ATTEMPTS', '0'],
    ['WEBHOOK_TIMEOUT_MS', 'soon'],
  ])('rejects %s=%s naming the variable', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(key));
  });
});
