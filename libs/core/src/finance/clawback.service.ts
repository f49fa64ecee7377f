import { stateLabel } from '../i18n/workflow-labels';
import { text } from '@huiqi/common';
import { ApplicationEntity, ClawbackReceivableEntity, FundReservationEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { actorUserId, FinanceActor } from './finance-actor';
import { clawbackStream, fundPoolStream } from './finance-streams';
import { LedgerService } from './ledger.service';
import { updateReturning } from './sql';

/** Calendar days an enterprise has to pay back after the demand notice (a parameter, not from the seeds). */
export const DEFAULT_CLAWBACK_DUE_DAYS = 30;

export interface OpenClawbackInput {
  application: Pick<ApplicationEntity, 'id' | 'reference' | 'zoneId' | 'enterpriseId'>;
  amountFen: number;
  reason: string;
  actor: FinanceActor;
  /** `workflow` (false claim, failed verification; the default) or `finance` (a finance decision). */
  source?: 'workflow' | 'finance';
}

export interface RecoverInput {
  receivableId: string;
  amountFen: number;
  /** How it was recovered: a statement credit quoting the notice, or an offset against a payment. */
  statementLineId?: string | null;
  disbursementItemId?: string | null;
  actor: FinanceActor;
}

/** Clawback receivables (追回): opened with a demand notice, recovered in parts, settled when repaid. */
@Injectable()
export class ClawbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  /**
   * A finance decision to recover (part of) a paid grant, e.g. an overpayment: the receivable and its
   * demand notice, without a change of the grant's state.
   */
  async openByFinance(
    zoneId: string,
    input: { applicationId: string; amountFen: number; reason: string },
    actor: FinanceActor,
  ): Promise<ClawbackReceivableEntity> {
    return this.dataSource.transaction(async (m) => {
      const application = await m.findOne(ApplicationEntity, {
        where: { id: input.applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!application || application.zoneId !== zoneId) {
        throw DomainError.invalid('applicationId', text('error.clawback-not-grant'));
      }
      if (!['paid', 'clawback_required'].includes(application.state)) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          text('error.clawback-not-paid', {
            ref: application.reference,
            state: { zh: stateLabel(application.state).zh, en: application.state },
          }),
          { state: application.state },
        );
      }
      const existing = await m.findOneBy(ClawbackReceivableEntity, { applicationId: application.id });
      if (existing && existing.amountFen >= input.amountFen) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          text('error.clawback-exists', { ref: existing.reference, amount: existing.amountFen }),
          { clawbackId: existing.id },
        );
      }
      return this.open(m, {
        application,
        amountFen: input.amountFen,
        reason: input.reason,
        actor,
        source: 'finance',
      });
    });
  }

  /**
   * Opens the receivable for a paid grant (effect `clawback-required`, or a finance decision). One
   * receivable per application: opening it again does nothing, or raises it to a larger amount.
   */
  async open(manager: EntityManager, input: OpenClawbackInput): Promise<ClawbackReceivableEntity> {
    const { application, amountFen } = input;
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
      throw DomainError.invalid('amountFen', text('error.clawback-amount'));
    }
    const payment = await manager.findOne(FundReservationEntity, {
      where: { applicationId: application.id },
    });
    if (!payment || payment.status !== 'paid') {
      throw new DomainError(
        DomainErrorCode.Conflict,
        text('error.clawback-no-payment', { ref: application.reference }),
        { applicationId: application.id },
      );
    }
    if (amountFen > payment.amountFen) {
      throw DomainError.invalid('amountFen', text('error.clawback-too-much', { amount: payment.amountFen }));
    }
    const existing = await manager.findOne(ClawbackReceivableEntity, {
      where: { applicationId: application.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing && existing.amountFen >= amountFen) return existing;

    let receivable: ClawbackReceivableEntity;
    const increaseFen = amountFen - (existing?.amountFen ?? 0);
    if (existing) {
      await manager.query(
        `UPDATE clawback_receivables SET amount_fen = $2, state = 'open', settled_at = NULL, updated_at = now()
         WHERE id = $1`,
        [existing.id, amountFen],
      );
      receivable = await manager.findOneOrFail(ClawbackReceivableEntity, { where: { id: existing.id } });
    } else {
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO clawback_receivables (zone_id, pool_id, application_id, enterprise_id, amount_fen, state,
           source, reason, due_on, created_by)
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, (now() AT TIME ZONE 'Asia/Shanghai')::date + $8::int, $9)
         RETURNING id`,
        [
          application.zoneId,
          payment.poolId,
          application.id,
          application.enterpriseId,
          amountFen,
          input.source ?? 'workflow',
          input.reason,
          DEFAULT_CLAWBACK_DUE_DAYS,
          actorUserId(input.actor),
        ],
      );
      receivable = await manager.findOneOrFail(ClawbackReceivableEntity, { where: { id: rows[0].id } });
    }
    await this.ledger.post(manager, {
      pool: { id: receivable.poolId, zoneId: receivable.zoneId },
      kind: 'clawback',
      amountFen: increaseFen,
      applicationId: application.id,
      receivableId: receivable.id,
      actor: input.actor,
      memo: input.reason,
    });
    const action = existing ? 'clawback.increased' : 'clawback.opened';
    const data = {
      receivableId: receivable.id,
      reference: receivable.reference,
      applicationId: application.id,
      applicationReference: application.reference,
      amountFen,
      increaseFen,
      reason: input.reason,
      dueOn: receivable.dueOn,
    };
    await this.appendAudit(manager, receivable, action, increaseFen, input.actor, data);
    return receivable;
  }

  /**
   * Records a repayment (partial allowed). The conditional update refuses more than is outstanding;
   * when the last fen is in, the receivable is settled.
   */
  async recover(manager: EntityManager, input: RecoverInput): Promise<ClawbackReceivableEntity> {
    const { amountFen } = input;
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
      throw new RangeError(`recover: amountFen must be a positive safe integer, got ${amountFen}`);
    }
    const updated = await updateReturning<{ id: string }>(
      manager,
      `UPDATE clawback_receivables SET
         recovered_fen = recovered_fen + $2,
         state = CASE WHEN recovered_fen + $2 = amount_fen THEN 'settled' ELSE 'open' END,
         settled_at = CASE WHEN recovered_fen + $2 = amount_fen THEN now() ELSE NULL END,
         updated_at = now()
       WHERE id = $1 AND state = 'open' AND recovered_fen + $2 <= amount_fen
       RETURNING id`,
      [input.receivableId, amountFen],
    );
    if (updated.length === 0) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        text('error.clawback-not-open', { id: input.receivableId, amount: amountFen }),
        { receivableId: input.receivableId },
      );
    }
    const receivable = await manager.findOneOrFail(ClawbackReceivableEntity, {
      where: { id: input.receivableId },
    });
    await this.ledger.post(manager, {
      pool: { id: receivable.poolId, zoneId: receivable.zoneId },
      kind: 'recover',
      amountFen,
      applicationId: receivable.applicationId,
      receivableId: receivable.id,
      statementLineId: input.statementLineId ?? null,
      disbursementItemId: input.disbursementItemId ?? null,
      actor: input.actor,
      memo: receivable.reference,
    });
    await this.appendAudit(manager, receivable, 'clawback.recovered', amountFen, input.actor, {
      receivableId: receivable.id,
      reference: receivable.reference,
      method: input.statementLineId ? 'statement-credit' : 'offset',
      statementLineId: input.statementLineId ?? null,
      disbursementItemId: input.disbursementItemId ?? null,
      recoveredFen: receivable.recoveredFen,
      outstandingFen: receivable.amountFen - receivable.recoveredFen,
      settled: receivable.state === 'settled',
    });
    return receivable;
  }

  /** Money movements go to the pool's stream; the receivable's own stream tells its story. */
  private async appendAudit(
    manager: EntityManager,
    receivable: ClawbackReceivableEntity,
    action: string,
    amountFen: number,
    actor: FinanceActor,
    data: Record<string, unknown>,
  ): Promise<void> {
    for (const stream of [fundPoolStream(receivable.poolId), clawbackStream(receivable.id)]) {
      await this.audit.append(manager, {
        stream,
        zoneId: receivable.zoneId,
        enterpriseId: receivable.enterpriseId,
        actorId: actorUserId(actor),
        actorRole: actor.role,
        action,
        amountFen,
        data,
      });
    }
  }
}
