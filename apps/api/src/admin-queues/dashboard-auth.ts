import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { dummyPasswordHash, verifyPassword } from '@huiqi/core/identity/password';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ThrottlerStorage } from '@nestjs/throttler';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { accountTracker, ipTracker, throttleKey } from '../auth/login-throttle';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE = 'huiqi_queues';
const SESSION_SECONDS = 30 * 60;
const REALM = 'Basic realm="Huiqi queue dashboard", charset="UTF-8"';

export interface DashboardRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  host: string;
  secure: boolean;
  /** The client's address, as the login rate limit counts it. */
  ip: string;
}

/** The handler whose rate limits the board's Basic sign-in shares (AuthController.login). */
const LOGIN_HANDLER = 'login';
/** One answer for every failed Basic sign-in: wrong username, wrong password, inactive, not an admin. */
const SIGN_IN_FAILED = 'Wrong username or password, or not an admin account';

export type DashboardVerdict =
  | { ok: true; setCookie?: string }
  | { ok: false; status: 401 | 403 | 429 | 503; detail: string; challenge?: string };

interface UserRow {
  id: string;
  role: string;
  is_active: boolean;
  token_version: number;
  password_hash?: string;
}

/**
 * Who may open the queue dashboard (/admin/queues): admins only. A browser signs in with HTTP Basic
 * (an admin's username and password; every attempt counts against the login rate limits, per account
 * and per IP, and every failure gets the same 401, so the board is no password oracle); a script may send
 * its admin bearer token instead. Either way the answer sets a 30-minute session cookie (HttpOnly,
 * SameSite=Strict, scoped to the dashboard path, signed with a key derived from JWT_SECRET and
 * useless as an API token), so argon2 runs once per session, not on every poll. The user is reloaded
 * on every request, so deactivating an admin or revoking their tokens shuts the dashboard at once.
 * Unsafe methods coming from another site are refused (the board can retry and delete jobs).
 */
@Injectable()
export class QueueDashboardAuth {
  private readonly logger = new Logger(QueueDashboardAuth.name);
  private readonly accessTokens: JwtService;
  private readonly sessions: JwtService;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(ThrottlerStorage) private readonly throttle: ThrottlerStorage,
  ) {
    this.accessTokens = new JwtService({ secret: config.auth.jwtSecret });
    const sessionKey = createHmac('sha256', config.auth.jwtSecret)
      .update('huiqi-queue-dashboard')
      .digest('hex');
    this.sessions = new JwtService({ secret: sessionKey });
  }

  async authorize(req: DashboardRequest): Promise<DashboardVerdict> {
    if (crossSite(req))
      return { ok: false, status: 403, detail: 'Cross-site requests to the dashboard are refused' };
    const session = readCookie(header(req, 'cookie'), DASHBOARD_COOKIE);
    if (session) {
      const user = await this.userFromToken(this.sessions, session);
      if (user?.role === 'admin') return { ok: true };
    }
    const authorization = header(req, 'authorization') ?? '';
    const bearer = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization);
    if (bearer) {
      const user = await this.userFromToken(this.accessTokens, bearer[1]);
      if (!user)
        return { ok: false, status: 401, detail: 'The bearer token is invalid or expired', challenge: REALM };
      return this.admit(user, req);
    }
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization);
    if (basic) return this.basic(basic[1], req);
    return { ok: false, status: 401, detail: 'Sign in with an admin account', challenge: REALM };
  }

  private async basic(encoded: string, req: DashboardRequest): Promise<DashboardVerdict> {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = (colon < 0 ? decoded : decoded.slice(0, colon)).trim().toLowerCase();
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    let limited: boolean;
    try {
      limited = await this.countLoginAttempt(username, req.ip);
    } catch {
      return { ok: false, status: 503, detail: 'Sign-in is unavailable while Redis is down' };
    }
    if (limited) return { ok: false, status: 429, detail: 'Too many sign-ins; wait and try again' };
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT id, role, is_active, token_version, password_hash FROM users WHERE username = $1`,
      [username],
    );
    const user = rows[0];
    const valid = await verifyPassword(
      user?.password_hash ?? (await dummyPasswordHash(this.config.auth.passwordHashing)),
      password,
    );
    if (!user || !valid || !user.is_active || user.role !== 'admin') {
      this.logger.warn({ username }, 'queue dashboard sign-in failed');
      return { ok: false, status: 401, detail: SIGN_IN_FAILED, challenge: REALM };
    }
    return this.admit(user, req);
  }

  /**
   * Counts one sign-in in the login endpoint's own counters (per account and per IP, in Redis), so
   * guessing through the board and through POST /auth/login share one budget. True when over a limit.
   */
  private async countLoginAttempt(username: string, ip: string): Promise<boolean> {
    const { prefix } = this.config.redis;
    const ttl = this.config.auth.loginWindowSeconds * 1000;
    const limits: [string, string, number][] = [
      ['account', accountTracker(username), this.config.auth.loginLimitPerAccount],
      ['ip', ipTracker(ip), this.config.auth.loginLimitPerIp],
    ];
    let limited = false;
    for (const [name, tracker, limit] of limits) {
      const key = throttleKey(prefix, LOGIN_HANDLER, name, tracker);
      const { isBlocked } = await this.throttle.increment(key, ttl, limit, ttl, name);
      limited ||= isBlocked;
    }
    return limited;
  }

  private async admit(user: UserRow, req: DashboardRequest): Promise<DashboardVerdict> {
    if (user.role !== 'admin')
      return { ok: false, status: 403, detail: 'The queue dashboard is for admins only' };
    const token = await this.sessions.signAsync(
      { sub: user.id, tv: user.token_version },
      { algorithm: 'HS256', expiresIn: SESSION_SECONDS },
    );
    const secure = req.secure || this.config.env === 'production' ? '; Secure' : '';
    return {
      ok: true,
      setCookie: `${DASHBOARD_COOKIE}=${token}; Path=${QUEUE_DASHBOARD_PATH}; Max-Age=${SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure}`,
    };
  }

  private async userFromToken(jwt: JwtService, token: string): Promise<UserRow | null> {
    let claims: { sub?: unknown; tv?: unknown };
    try {
      claims = await jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (typeof claims.sub !== 'string' || !/^[0-9a-f-]{36}$/.test(claims.sub)) return null;
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT id, role, is_active, token_version FROM users WHERE id = $1`,
      [claims.sub],
    );
    const user = rows[0];
    return user && user.is_active && user.token_version === claims.tv ? user : null;
  }
}

function header(req: DashboardRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function readCookie(cookieHeader: string | undefined, name: string): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** A state-changing request whose browser says it came from another site (Fetch Metadata, Origin). */
export function crossSite(req: DashboardRequest): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return false;
  const site = header(req, 'sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = header(req, 'origin');
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.host;
  } catch {
    return true;
  }
}
