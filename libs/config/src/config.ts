import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { EnvDto } from './env.dto';
import { knownValue, refusedSecret } from './secrets';

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  database: {
    url: string;
    poolSize: number;
    /** Wait bound for a pooled connection (default 30 s); past it the caller gets a 503. */
    poolWaitMs?: number;
  };
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
    /** argon2id cost of new password hashes (verification reads the cost from the hash). */
    passwordHashing: 'standard' | 'test-only';
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
  /** Human-readable warnings to log once the logger is up. */
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
  // No secret has a default, in any mode: a default is in the repository, so everyone knows it.
  // `scripts/run` and `npm start` generate random ones once (untracked files, mode 0600).
  for (const key of ['JWT_SECRET', 'ID_HASH_SECRET'] as const) {
    const value = env[key];
    const refused = value ? refusedSecret(value) : null;
    if (!value) problems.push(`${key} is required: at least 32 random characters (\`openssl rand -hex 32\`)`);
    else if (refused) problems.push(`${key} ${refused}: generate a random one (\`openssl rand -hex 32\`)`);
  }
  const knownPassword = env.ADMIN_PASSWORD ? knownValue(env.ADMIN_PASSWORD) : null;
  if (knownPassword) problems.push(`ADMIN_PASSWORD ${knownPassword}: choose another`);
  if (env.PASSWORD_HASHING === 'test-only' && env.NODE_ENV !== 'test') {
    problems.push('PASSWORD_HASHING=test-only is accepted only with NODE_ENV=test: remove it');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    database: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      poolWaitMs: env.DATABASE_POOL_WAIT_MS,
    },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    api: { host: env.API_HOST, port: env.API_PORT, trustProxy: env.TRUST_PROXY },
    auth: {
      jwtSecret: env.JWT_SECRET!,
      jwtTtlSeconds: env.JWT_TTL_SECONDS,
      adminUsername: env.ADMIN_USERNAME,
      adminPassword: env.ADMIN_PASSWORD,
      loginLimitPerAccount: env.LOGIN_LIMIT_PER_ACCOUNT,
      loginLimitPerIp: env.LOGIN_LIMIT_PER_IP,
      loginWindowSeconds: env.LOGIN_WINDOW_SECONDS,
      passwordHashing: env.PASSWORD_HASHING,
    },
    idHashSecret: env.ID_HASH_SECRET!,
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
