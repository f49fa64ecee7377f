import { text } from '@huiqi/common';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { updateReturning } from '@huiqi/core/database/update-returning';
import { canonicalJson } from '@huiqi/core/audit/audit-hash';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

export const IDEMPOTENCY_TTL_HOURS = 24;
/**
 * How long a request may hold its key before a retry may assume it crashed and take over: longer than
 * any one statement may run (statement_timeout 120 s), so a slow request is not taken over alive.
 */
export const IN_FLIGHT_LEASE_SECONDS = 180;

export type ClaimResult =
  { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown; contentType: string };

export interface IdempotentRequest {
  scope: string;
  key: string;
  method: string;
  path: string;
  body: unknown;
}

/**
 * Stores the first response per (caller, key) in Postgres, so the guarantee holds across any number
 * of API processes. A crashed request's claim lapses after the lease and a retry may take over.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  requestHash(req: IdempotentRequest): string {
    return createHash('sha256')
      .update(`${req.method}\n${req.path}\n${canonicalJson(req.body ?? null)}`)
      .digest('hex');
  }

  async claim(req: IdempotentRequest): Promise<ClaimResult> {
    const hash = this.requestHash(req);
    // A stale expired row would block the key forever; drop it first.
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND expires_at < now()`,
      [req.scope, req.key],
    );
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, state, locked_until, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'in_flight', now() + make_interval(secs => $6), now() + make_interval(hours => $7))
       ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
      [req.scope, req.key, req.method, req.path, hash, IN_FLIGHT_LEASE_SECONDS, IDEMPOTENCY_TTL_HOURS],
    );
    if (inserted.length > 0) return { kind: 'claimed' };

    const rows: {
      request_hash: string;
      state: string;
      response_status: number | null;
      response_body: unknown;
      response_content_type: string | null;
      lease_lapsed: boolean;
    }[] = await this.dataSource.query(
      `SELECT request_hash, state, response_status, response_body, response_content_type, locked_until < now() AS lease_lapsed
       FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [req.scope, req.key],
    );
    const row = rows[0];
    if (!row) return this.claim(req); // expired and removed between our statements
    if (row.request_hash !== hash) {
      throw new DomainError(DomainErrorCode.IdempotencyKeyReused, text('error.idempotency-reused'));
    }
    if (row.state === 'applied') {
      // The first request committed its effect, then died before its response was stored.
      throw new DomainError(DomainErrorCode.IdempotencyKeyApplied, text('error.idempotency-applied'));
    }
    if (row.state === 'done') {
      return {
        kind: 'replay',
        status: row.response_status ?? 200,
        body: row.response_body,
        contentType: row.response_content_type ?? 'application/json; charset=utf-8',
      };
    }
    if (row.lease_lapsed) {
      const taken = await updateReturning(
        this.dataSource.manager,
        `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $3)
         WHERE scope = $1 AND key = $2 AND state = 'in_flight' AND locked_until < now() RETURNING 1`,
        [req.scope, req.key, IN_FLIGHT_LEASE_SECONDS],
      );
      if (taken.length > 0) return { kind: 'claimed' };
    }
    throw new DomainError(DomainErrorCode.IdempotencyKeyInFlight, text('error.idempotency-in-flight'));
  }

  async complete(req: IdempotentRequest, status: number, body: unknown, contentType: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4::jsonb, response_content_type = $5
       WHERE scope = $1 AND key = $2`,
      [req.scope, req.key, status, JSON.stringify(body ?? null), contentType],
    );
  }

  /** The request failed on our side (5xx): forget the key so a retry can run the request again. */
  async release(req: IdempotentRequest): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'in_flight'`,
      [req.scope, req.key],
    );
  }

  async purgeExpired(): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE expires_at < now()`,
    );
    return result[1] ?? 0;
  }
}
