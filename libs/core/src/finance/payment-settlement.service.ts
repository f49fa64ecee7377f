import {
  ApplicationEntity,
  ClawbackReceivableEntity,
  DisbursementBatchEntity,
  DisbursementItemEntity,
  DisbursementOffsetEntity,
} from '@huiqi/database';
import type { Actor } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApplicationTransitionService } from '../applications/application-transition.service';
import { AuditService } from '../audit/audit.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { ClawbackService } from './clawback.service';
import { disbursementBatchStream } from './finance-streams';
import { FundsService } from './funds.service';
import { updateReturning } from './sql';

/** Who settles payments: a finance user (`{ userId, role: 'finance' }`) or the worker (`{ userId: 'system', role: 'system' }`). */
export type WorkflowActor = Actor;

export interface BankOutcome {
  statementLineId: string | null;
  /** The bank's value date (YYYY-MM-DD); null when no bank transfer was involved. */
  valueDate: string | null;
}

/**
 * The outcome of one payment, in the transaction that learned it: the grant's machine moves
 * (PAYMENT_SUCCEEDED / PAYMENT_FAILED / CLAWBACK_SETTLED) together with the ledger. Each method first
 * moves the item with a conditional update, so a payment is settled at most once.
 */
@Injectable()
export class PaymentSettlementService {
  constructor(
    private readonly transitions: ApplicationTransitionService,
    private readonly funds: FundsService,
    private readonly clawbacks: ClawbackService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Keeps back, from a payment about to be sent, what its enterprise still owes on open clawbacks
   * (oldest first), minus what other payments awaiting the bank already keep back for them.
   * Returns the total kept back; the offsets are recovered when the payment is confirmed.
   */
  async planOffsets(m: EntityManager, item: DisbursementItemEntity): Promise<number> {
    const open = await m.find(ClawbackReceivableEntity, {
      where: { enterpriseId: item.enterpriseId, state: 'open' },
      order: { createdAt: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    let remaining = item.amountFen;
    let offsetFen = 0;
    for (const receivable of open) {
      if (remaining === 0) break;
      const earmarked: { fen: string }[] = await m.query(
        `SELECT coalesce(sum(o.amount_fen), 0)::text AS fen FROM disbursement_offsets o
         JOIN disbursement_items i ON i.id = o.item_id
         WHERE o.receivable_id = $1 AND i.state = 'awaiting_bank'`,
        [receivable.id],
      );
      const free = receivable.amountFen - receivable.recoveredFen - Number(earmarked[0].fen);
      const take = Math.min(free, remaining);
      if (take <= 0) continue;
      await m.insert(DisbursementOffsetEntity, {
        itemId: item.id,
        receivableId: receivable.id,
        amountFen: take,
      });
      remaining -= take;
      offsetFen += take;
    }
    return offsetFen;
  }

  /** The bank paid (or an offset covered) the item: the grant is paid, the pool spends its reservation. */
  async settlePaid(
    m: EntityManager,
    item: DisbursementItemEntity,
    bank: BankOutcome,
    actor: WorkflowActor,
  ): Promise<void> {
    await this.moveItem(m, item, 'paid', null, bank.valueDate);
    const application = await this.lockApplication(m, item.applicationId);
    await this.transitions.apply(
      m,
      application.id,
      { type: 'PAYMENT_SUCCEEDED', paidAmountFen: item.amountFen, paymentRef: item.paymentReference },
      actor,
    );
    await this.funds.pay(m, {
      application,
      amountFen: item.amountFen,
      disbursementItemId: item.id,
      statementLineId: bank.statementLineId,
      actor,
    });
    const offsets = await m.find(DisbursementOffsetEntity, {
      where: { itemId: item.id },
      order: { receivableId: 'ASC' },
    });
    for (const offset of offsets) {
      const receivable = await this.clawbacks.recover(m, {
        receivableId: offset.receivableId,
        amountFen: offset.amountFen,
        disbursementItemId: item.id,
        actor,
      });
      await this.settleClawbackIfRecovered(m, receivable, actor);
    }
  }

  /** The bank returned or refused the payment: the grant is payable again, with the bank's reason. */
  async settleReturned(
    m: EntityManager,
    item: DisbursementItemEntity,
    reason: string,
    bank: BankOutcome,
    actor: WorkflowActor,
  ): Promise<void> {
    await this.moveItem(m, item, 'returned', reason, bank.valueDate);
    await this.lockApplication(m, item.applicationId);
    await this.transitions.apply(m, item.applicationId, { type: 'PAYMENT_FAILED', reason }, actor);
  }

  /** A fully recovered clawback settles the grant's machine when it is waiting for that. */
  async settleClawbackIfRecovered(
    m: EntityManager,
    receivable: ClawbackReceivableEntity,
    actor: WorkflowActor,
  ): Promise<void> {
    if (receivable.state !== 'settled') return;
    const application = await this.lockApplication(m, receivable.applicationId);
    if (application.state !== 'clawback_required') return;
    await this.transitions.apply(
      m,
      application.id,
      {
        type: 'CLAWBACK_SETTLED',
        recoveredAmountFen: receivable.recoveredFen,
        comment: `Clawback ${receivable.reference} fully recovered`,
      },
      actor,
    );
  }

  /** Once nothing awaits the bank, the batch is settled (all paid) or partly settled (some returned). */
  async closeBatchIfDone(m: EntityManager, batchId: string): Promise<DisbursementBatchEntity | null> {
    const closed = await updateReturning<{ id: string }>(
      m,
      `UPDATE disbursement_batches b SET
         state = CASE WHEN EXISTS (SELECT 1 FROM disbursement_items i WHERE i.batch_id = b.id AND i.state = 'returned')
                      THEN 'partly_settled' ELSE 'settled' END,
         closed_at = now(), updated_at = now()
       WHERE b.id = $1 AND b.state IN ('locked', 'exported')
         AND NOT EXISTS (SELECT 1 FROM disbursement_items i WHERE i.batch_id = b.id AND i.state = 'awaiting_bank')
       RETURNING b.id`,
      [batchId],
    );
    if (closed.length === 0) return null;
    const batch = await m.findOneByOrFail(DisbursementBatchEntity, { id: batchId });
    const counts: { state: string; n: number; fen: string }[] = await m.query(
      `SELECT state, count(*)::int AS n, sum(amount_fen)::text AS fen FROM disbursement_items
       WHERE batch_id = $1 GROUP BY state`,
      [batchId],
    );
    await this.audit.append(m, {
      stream: disbursementBatchStream(batchId),
      zoneId: batch.zoneId,
      enterpriseId: null,
      actorId: null,
      actorRole: 'system',
      action: batch.state === 'settled' ? 'batch.settled' : 'batch.partly-settled',
      data: {
        reference: batch.reference,
        items: Object.fromEntries(counts.map((c) => [c.state, { count: c.n, amountFen: Number(c.fen) }])),
      },
    });
    return batch;
  }

  private async moveItem(
    m: EntityManager,
    item: DisbursementItemEntity,
    to: 'paid' | 'returned',
    reason: string | null,
    valueDate: string | null,
  ): Promise<void> {
    const moved = await updateReturning<{ id: string }>(
      m,
      `UPDATE disbursement_items SET state = $2, outcome_reason = $3, value_date = $4, settled_at = now(), updated_at = now()
       WHERE id = $1 AND state = 'awaiting_bank' RETURNING id`,
      [item.id, to, reason, valueDate],
    );
    if (moved.length === 0) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        `Payment ${item.paymentReference} already has its outcome`,
      );
    }
  }

  private async lockApplication(m: EntityManager, id: string): Promise<ApplicationEntity> {
    const application = await m.findOne(ApplicationEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) throw DomainError.notFound('application');
    return application;
  }
}
