import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};

/**
 * Every environment variable Huiqi reads, with its default. Read once at start-up by `loadConfig`;
 * a bad value stops the process with a message naming the variable.
 */
export class EnvDto {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/huiqi';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** How long a request or job waits for a pooled connection before it fails as 503 (Retry-After). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_POOL_WAIT_MS = 30_000;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix for every Redis key Huiqi writes (BullMQ queues, rate-limit counters). */
  @Matches(/^[a-zA-Z0-9_-]{1,40}$/, { message: 'REDIS_PREFIX must be 1-40 letters, digits, _ or -' })
  REDIS_PREFIX = 'huiqi';

  @IsString()
  API_HOST = '0.0.0.0';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  API_PORT = 3000;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS = 8 * 3600;

  @Matches(/^[a-z0-9_.-]{3,64}$/, { message: 'ADMIN_USERNAME must be 3-64 of a-z 0-9 _ . -' })
  ADMIN_USERNAME = 'admin';

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  @MaxLength(128)
  ADMIN_PASSWORD?: string;

  /** Secret pepper for hashing personal ID numbers (one person, one talent award). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'ID_HASH_SECRET must be at least 32 characters' })
  ID_HASH_SECRET?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Password hashing cost. `standard`: argon2id at the library's defaults (64 MiB, 3 passes), as OWASP
   * recommends. `test-only`: 4 MiB, 1 pass, accepted only with NODE_ENV=test — the suite registers
   * hundreds of users, and at 0.4 s of CPU per hash that alone took minutes of a 2-core CI machine.
   */
  @IsIn(['standard', 'test-only'])
  PASSWORD_HASHING: 'standard' | 'test-only' = 'standard';

  /** Login attempts allowed per username per window, and per client IP per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_ACCOUNT = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_IP = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 60;

  /** Where uploaded documents are stored (local disk). */
  @IsString()
  STORAGE_DIR = './storage';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

  /** Run migrations (under an advisory lock) and load the seed catalog at start-up. */
  @Transform(toBool)
  @IsBoolean()
  MIGRATE_ON_START = true;

  /** How often the worker looks for outbox rows when no NOTIFY arrives. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  OUTBOX_POLL_MS = 1000;

  /** A relayed job not done after this long is relayed again (covers a Redis that lost its data). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_RESEND_AFTER_SECONDS = 300;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  OUTBOX_BATCH_SIZE = 500;

  /** Rows due within this window are handed to BullMQ as delayed jobs; later ones wait in Postgres. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_DELAY_HORIZON_SECONDS = 3600;

  /**
   * SMTP server for email notifications, e.g. `smtp://user:pass@mail.example.com:587` or `smtps://...:465`.
   * Unset: email is off (in-app and webhooks still work).
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The From of every notification email. */
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  MAIL_FROM = 'Huiqi 惠企 <no-reply@huiqi.local>';

  /** Base URL of the web front end; when set, emails link to it absolutely. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+[^/\s]$/, {
    message: 'PUBLIC_URL must be an http(s):// URL without a trailing /',
  })
  PUBLIC_URL?: string;

  /** Attempts of one email or webhook delivery before it is kept as failed (exponential backoff). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  DELIVERY_ATTEMPTS = 8;

  /** First retry delay of an email or webhook delivery; it doubles with every attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  DELIVERY_BACKOFF_MS = 10_000;

  /** A webhook receiver that does not answer within this time counts as a failed attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Trust X-Forwarded-For from a reverse proxy when computing client IPs. */
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;
}
