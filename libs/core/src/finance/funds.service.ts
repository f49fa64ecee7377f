import { text } from '@huiqi/common';
import { ApplicationEntity, FundPoolEntity, FundReservationEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { actorUserId, FinanceActor } from './finance-actor';
import { fundPoolStream } from './finance-streams';
import { FundPoolsService, poolLabel } from './fund-pools.service';
import { LedgerService } from './ledger.service';
import { fenToYuan } from './money';
import { updateReturning } from './sql';

export interface ReserveInput {
  application: ApplicationEntity;
  /** The program version's policy document: the fallback pool when the program has none of its own. */
  policyDocumentCode: string | null;
  amountFen: number;
  actor: FinanceActor;
}

export interface PayInput {
  application: Pick<ApplicationEntity, 'id' | 'reference' | 'enterpriseId'>;
  amountFen: number;
  disbursementItemId: string | null;
  statementLineId: string | null;
  actor: FinanceActor;
}

/**
 * What the workflow does to fund pools. Every method runs inside the caller's transaction (the one
 * that moves the application), so the money moves exactly when the state does, or not at all.
 */
@Injectable()
export class FundsService {
  constructor(
    private readonly pools: FundPoolsService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Reserves the approved amount (effect `reserve-funds`). The pool row is locked while its available
   * amount is compared, so concurrent approvals queue on it and can never over-commit it; the pool's
   * CHECK constraint refuses it even if this code were wrong. Reserving again for the same application
   * and amount does nothing.
   */
  async reserve(manager: EntityManager, input: ReserveInput): Promise<void> {
    const { application, amountFen } = input;
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
      throw new RangeError(`reserve: amountFen must be a positive safe integer, got ${amountFen}`);
    }
    const existing = await manager.findOne(FundReservationEntity, {
      where: { applicationId: application.id },
    });
    if (existing) {
      if (existing.status === 'reserved' && existing.amountFen === amountFen) return;
      throw new DomainError(
        DomainErrorCode.Conflict,
        text('error.already-reserved', {
          ref: application.reference,
          amount: existing.amountFen,
          status: existing.status,
        }),
        {
          applicationId: application.id,
          reservation: { status: existing.status, amountFen: existing.amountFen },
        },
      );
    }
    const pool = await this.pools.lockForGrant(manager, application, input.policyDocumentCode);
    if (!pool) throw noPool(application, input.policyDocumentCode, amountFen);
    if (pool.availableFen < amountFen) throw insufficient(pool, amountFen);
    await manager.insert(FundReservationEntity, {
      applicationId: application.id,
      poolId: pool.id,
      zoneId: pool.zoneId,
      amountFen,
      status: 'reserved',
    });
    await this.ledger.post(manager, {
      pool,
      kind: 'reserve',
      amountFen,
      applicationId: application.id,
      actor: input.actor,
      memo: application.reference,
    });
    await this.appendAudit(manager, pool, 'funds.reserved', amountFen, application, input.actor);
  }

  /** Gives back whatever the application holds reserved (effect `release-funds`); nothing if it holds none. */
  async release(
    manager: EntityManager,
    input: { application: ApplicationEntity; actor: FinanceActor },
  ): Promise<void> {
    const { application } = input;
    const released = await updateReturning<{ pool_id: string; zone_id: string; amount_fen: string }>(
      manager,
      `UPDATE fund_reservations SET status = 'released', updated_at = now()
       WHERE application_id = $1 AND status = 'reserved' RETURNING pool_id, zone_id, amount_fen`,
      [application.id],
    );
    if (released.length === 0) return;
    const amountFen = Number(released[0].amount_fen);
    const pool = { id: released[0].pool_id, zoneId: released[0].zone_id };
    await this.ledger.post(manager, {
      pool,
      kind: 'release',
      amountFen,
      applicationId: application.id,
      actor: input.actor,
      memo: application.reference,
    });
    await this.appendAudit(manager, pool, 'funds.released', amountFen, application, input.actor);
  }

  /**
   * Spends the reservation when the bank confirms the payment: reserved → paid. The reservation's
   * conditional update and the one-payment-per-application index make a second payment impossible.
   */
  async pay(manager: EntityManager, input: PayInput): Promise<{ poolId: string }> {
    const { application, amountFen } = input;
    const paid = await updateReturning<{ pool_id: string; zone_id: string }>(
      manager,
      `UPDATE fund_reservations SET status = 'paid', updated_at = now()
       WHERE application_id = $1 AND status = 'reserved' AND amount_fen = $2 RETURNING pool_id, zone_id`,
      [application.id, amountFen],
    );
    if (paid.length === 0) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        text('error.no-reservation-to-pay', { ref: application.reference, amount: amountFen }),
        { applicationId: application.id },
      );
    }
    const pool = { id: paid[0].pool_id, zoneId: paid[0].zone_id };
    await this.ledger.post(manager, {
      pool,
      kind: 'pay',
      amountFen,
      applicationId: application.id,
      disbursementItemId: input.disbursementItemId,
      statementLineId: input.statementLineId,
      actor: input.actor,
      memo: application.reference,
    });
    await this.appendAudit(manager, pool, 'funds.paid', amountFen, application, input.actor, {
      disbursementItemId: input.disbursementItemId,
      statementLineId: input.statementLineId,
    });
    return { poolId: pool.id };
  }

  /**
   * `pay` for many grants at once: the reservations spent in one statement (each still conditional on
   * being reserved with that amount: if any is not, it throws and the caller's savepoint takes the whole
   * set back), the journals in one statement, the pools' audit events in one insert.
   */
  async payMany(manager: EntityManager, inputs: PayInput[]): Promise<void> {
    if (inputs.length === 0) return;
    const paid = await updateReturning<{ application_id: string; pool_id: string; zone_id: string }>(
      manager,
      `UPDATE fund_reservations r SET status = 'paid', updated_at = now()
       FROM unnest($1::uuid[], $2::bigint[]) AS u (application_id, amount_fen)
       WHERE r.application_id = u.application_id AND r.status = 'reserved' AND r.amount_fen = u.amount_fen
       RETURNING r.application_id, r.pool_id, r.zone_id`,
      [inputs.map((i) => i.application.id), inputs.map((i) => String(i.amountFen))],
    );
    const pools = new Map(paid.map((p) => [p.application_id, { id: p.pool_id, zoneId: p.zone_id }]));
    const missing = inputs.find((i) => !pools.has(i.application.id));
    if (missing || paid.length !== inputs.length) {
      const ref = missing?.application.reference ?? inputs[0].application.reference;
      const amount = missing?.amountFen ?? inputs[0].amountFen;
      throw new DomainError(DomainErrorCode.Conflict, text('error.no-reservation-to-pay', { ref, amount }), {
        applicationId: missing?.application.id ?? null,
      });
    }
    await this.ledger.postMany(
      manager,
      inputs.map((input) => ({
        pool: pools.get(input.application.id)!,
        kind: 'pay' as const,
        amountFen: input.amountFen,
        applicationId: input.application.id,
        disbursementItemId: input.disbursementItemId,
        statementLineId: input.statementLineId,
        actor: input.actor,
        memo: input.application.reference,
      })),
    );
    await this.audit.appendMany(
      manager,
      inputs.map((input) => {
        const pool = pools.get(input.application.id)!;
        return {
          stream: fundPoolStream(pool.id),
          zoneId: pool.zoneId,
          enterpriseId: input.application.enterpriseId,
          actorId: actorUserId(input.actor),
          actorRole: input.actor.role,
          action: 'funds.paid',
          amountFen: input.amountFen,
          data: {
            applicationId: input.application.id,
            reference: input.application.reference,
            disbursementItemId: input.disbursementItemId,
            statementLineId: input.statementLineId,
          },
        };
      }),
    );
  }

  private async appendAudit(
    manager: EntityManager,
    pool: { id: string; zoneId: string },
    action: string,
    amountFen: number,
    application: Pick<ApplicationEntity, 'id' | 'reference' | 'enterpriseId'>,
    actor: FinanceActor,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.append(manager, {
      stream: fundPoolStream(pool.id),
      zoneId: pool.zoneId,
      enterpriseId: application.enterpriseId,
      actorId: actorUserId(actor),
      actorRole: actor.role,
      action,
      amountFen,
      data: { applicationId: application.id, reference: application.reference, ...extra },
    });
  }
}

function noPool(
  application: ApplicationEntity,
  policyDocumentCode: string | null,
  amountFen: number,
): DomainError {
  const documentPart = policyDocumentCode ? ` or its policy document ${policyDocumentCode}` : '';
  return new DomainError(
    DomainErrorCode.InsufficientFunds,
    text('error.no-pool', {
      program: application.programCode,
      documentPart: policyDocumentCode ? { zh: `或其政策文件 ${policyDocumentCode}`, en: documentPart } : '',
      year: application.fiscalYear,
    }),
    {
      pool: { programCode: application.programCode, policyDocumentCode, fiscalYear: application.fiscalYear },
      availableFen: 0,
      requestedFen: amountFen,
    },
  );
}

function insufficient(pool: FundPoolEntity, amountFen: number): DomainError {
  return new DomainError(
    DomainErrorCode.InsufficientFunds,
    text('error.pool-insufficient', {
      pool: pool.name,
      code: pool.programCode ?? pool.policyDocumentCode ?? '',
      year: pool.fiscalYear,
      available: fenToYuan(pool.availableFen),
      needed: fenToYuan(amountFen),
    }),
    { pool: poolLabel(pool), availableFen: pool.availableFen, requestedFen: amountFen },
  );
}
