import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

/** Random secrets, as `scripts/run` makes them: the only kind the config takes. */
const SECRETS = {
  JWT_SECRET: randomBytes(32).toString('hex'),
  ID_HASH_SECRET: randomBytes(32).toString('base64'),
};
const withSecrets = (env: Record<string, string>) => loadConfig({ ...SECRETS, ...env });

describe('loadConfig', () => {
  it('gives developer-machine defaults for everything but secrets', () => {
    const c = withSecrets({});
    expect(c.database.url).toBe('postgres://postgres@127.0.0.1:5432/huiqi');
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.api.port).toBe(3000);
    expect(c.env).toBe('development');
    expect(c.auth.jwtSecret).toBe(SECRETS.JWT_SECRET);
    expect(c.idHashSecret).toBe(SECRETS.ID_HASH_SECRET);
  });

  it('parses numbers and booleans', () => {
    const c = withSecrets({ API_PORT: '8080', MIGRATE_ON_START: 'false', DATABASE_POOL_SIZE: '25' });
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
    expect(() => withSecrets({ [key]: value })).toThrow(ConfigError);
    try {
      withSecrets({ [key]: value });
    } catch (e) {
      expect((e as ConfigError).problems.join('\n')).toContain(named);
    }
  });

  it.each(['development', 'test', 'production'])(
    'requires both secrets in %s: there is no default',
    (mode) => {
      expect(() => loadConfig({ NODE_ENV: mode })).toThrow(/JWT_SECRET is required/);
      expect(() => loadConfig({ NODE_ENV: mode })).toThrow(/ID_HASH_SECRET is required/);
      expect(() => loadConfig({ NODE_ENV: mode, JWT_SECRET: SECRETS.JWT_SECRET })).toThrow(/ID_HASH_SECRET/);
      expect(withSecrets({ NODE_ENV: mode }).warnings).toEqual([]);
    },
  );

  it.each([
    // the development defaults this config once had, and the compose file's old placeholders
    'huiqi-development-jwt-secret-not-for-production-use',
    'huiqi-development-id-hash-secret-not-for-production',
    'change-me-to-a-long-random-secret-of-32-chars',
    'change-me-to-another-long-random-secret-32',
    'e2e-jwt-secret-0123456789abcdef0123456789',
    'drill-id-hash-secret-0123456789abcdef0123456789',
    'x'.repeat(40),
    'abcdabcdabcdabcdabcdabcdabcdabcdabcd',
    'my-super-secret-signing-key-for-huiqi-01',
    'REPLACE_ME_WITH_A_REAL_KEY_0123456789ABCDEF',
  ])('refuses the known or placeholder secret %s in every mode', (value) => {
    for (const mode of ['development', 'test', 'production']) {
      expect(() => withSecrets({ NODE_ENV: mode, JWT_SECRET: value })).toThrow(/JWT_SECRET/);
      expect(() => withSecrets({ NODE_ENV: mode, ID_HASH_SECRET: value })).toThrow(/ID_HASH_SECRET/);
    }
  });

  it('refuses a placeholder admin password', () => {
    expect(() => withSecrets({ ADMIN_PASSWORD: 'change-me-admin-password' })).toThrow(/ADMIN_PASSWORD/);
    expect(withSecrets({ ADMIN_PASSWORD: 'a long passphrase 2026' }).auth.adminPassword).toBe(
      'a long passphrase 2026',
    );
  });

  it('hashes passwords at the OWASP cost unless a test run asks for the test-only cost', () => {
    expect(withSecrets({}).auth.passwordHashing).toBe('standard');
    expect(withSecrets({ NODE_ENV: 'test', PASSWORD_HASHING: 'test-only' }).auth.passwordHashing).toBe(
      'test-only',
    );
    for (const mode of ['development', 'production']) {
      expect(() => withSecrets({ NODE_ENV: mode, PASSWORD_HASHING: 'test-only' })).toThrow(
        /PASSWORD_HASHING=test-only is accepted only with NODE_ENV=test/,
      );
    }
    expect(() => withSecrets({ PASSWORD_HASHING: 'fast' })).toThrow(/PASSWORD_HASHING/);
  });

  it('the compose file has no default for any secret: it requires them', () => {
    const compose = readFileSync(join(__dirname, '../../../docker/compose.yml'), 'utf8');
    for (const key of ['JWT_SECRET', 'ID_HASH_SECRET', 'ADMIN_PASSWORD']) {
      expect(compose).toMatch(new RegExp(`${key}: \\$\\{${key}:\\?`));
      expect(compose).not.toMatch(new RegExp(`\\$\\{${key}:-`));
    }
  });
});

describe('loadConfig: notifications', () => {
  it('leaves email off without SMTP_URL and uses sane delivery defaults', () => {
    const c = withSecrets({});
    expect(c.notifications).toMatchObject({
      smtpUrl: null,
      publicUrl: null,
      deliveryAttempts: 8,
      deliveryBackoffMs: 10_000,
      webhookTimeoutMs: 10_000,
    });
  });

  it('reads SMTP_URL, PUBLIC_URL and the delivery settings', () => {
    const c = withSecrets({
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
    expect(() => withSecrets({ [key]: value })).toThrow(new RegExp(key));
  });
});
