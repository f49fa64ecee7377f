import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { EnvDto } from './env.dto';

/** Development-only secrets; `loadConfig` refuses them when NODE_ENV=production. */
const DEV_JWT_SECRET = 'huiqi-development-jwt-secret-not-for-production-use';
const DEV_ID_HASH_SECRET = 'huiqi-development-id-hash-secret-not-for-production';

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  database: { url: string; poolSize: number };
  redis: { url: string; prefix: string };
  api: { host: string; port: number; trustProxy: boolean };
  auth: {
    jwtSecret: string;
    jwtTtlSeconds: number;
    adminUsername: string;
    adminPassword?: string;
    loginLimitPerAccount: number;
    loginLimitPerIp: number;
    loginWindowSeconds: number;
  };
  idHashSecret: string;
  logLevel: string;
  storage: { dir: string; maxUploadBytes: number };
  migrateOnStart: boolean;
  outbox: { pollMs: number; resendAfterSeconds: number; batchSize: number; delayHorizonSeconds: number };
  notifications: {
    /** null: email is off. */
    smtpUrl: string | null;
    mailFrom: string;
    publicUrl: string | null;
    deliveryAttempts: number;
    deliveryBackoffMs: number;
    webhookTimeoutMs: number;
  };
  /** Human-readable warnings (e.g. development secrets in use) to log once the logger is up. */
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((message) =>
      message.startsWith(e.property) ? message : `${e.property}: ${message}`,
    ),
  );
}

/**
 * Reads and validates the environment once. Throws ConfigError naming every bad variable;
 * callers print it and exit (see `exitOnConfigError`).
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(new EnvDto())) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const key of ['JWT_SECRET', 'ADMIN_PASSWORD', 'ID_HASH_SECRET', 'SMTP_URL', 'PUBLIC_URL']) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const env = plainToInstance(EnvDto, raw, { exposeDefaultValues: true });
  const problems = flatten(validateSync(env, { whitelist: true }));

  const warnings: string[] = [];
  if (env.NODE_ENV === 'production') {
    if (!env.JWT_SECRET) problems.push('JWT_SECRET is required when NODE_ENV=production');
    if (!env.ID_HASH_SECRET) problems.push('ID_HASH_SECRET is required when NODE_ENV=production');
  } else {
    if (!env.JWT_SECRET) warnings.push('JWT_SECRET not set: using the development secret');
    if (!env.ID_HASH_SECRET) warnings.push('ID_HASH_SECRET not set: using the development secret');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    api: { host: env.API_HOST, port: env.API_PORT, trustProxy: env.TRUST_PROXY },
    auth: {
      jwtSecret: env.JWT_SECRET ?? DEV_JWT_SECRET,
      jwtTtlSeconds: env.JWT_TTL_SECONDS,
      adminUsername: env.ADMIN_USERNAME,
      adminPassword: env.ADMIN_PASSWORD,
      loginLimitPerAccount: env.LOGIN_LIMIT_PER_ACCOUNT,
      loginLimitPerIp: env.LOGIN_LIMIT_PER_IP,
      loginWindowSeconds: env.LOGIN_WINDOW_SECONDS,
    },
    idHashSecret: env.ID_HASH_SECRET ?? DEV_ID_HASH_SECRET,
    logLevel: env.LOG_LEVEL,
    storage: { dir: env.STORAGE_DIR, maxUploadBytes: env.MAX_UPLOAD_BYTES },
    migrateOnStart: env.MIGRATE_ON_START,
    outbox: {
      pollMs: env.OUTBOX_POLL_MS,
      resendAfterSeconds: env.OUTBOX_RESEND_AFTER_SECONDS,
      batchSize: env.OUTBOX_BATCH_SIZE,
      delayHorizonSeconds: env.OUTBOX_DELAY_HORIZON_SECONDS,
    },
    notifications: {
      smtpUrl: env.SMTP_URL ?? null,
      mailFrom: env.MAIL_FROM,
      publicUrl: env.PUBLIC_URL ?? null,
      deliveryAttempts: env.DELIVERY_ATTEMPTS,
      deliveryBackoffMs: env.DELIVERY_BACKOFF_MS,
      webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
    },
    warnings,
  };
}

/** Prints a configuration error plainly (no stack trace) and exits. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\nFix the environment variables above and start again.\n`);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
