import { text } from '@huiqi/common';
import {
  ApplicationEntity,
  ClawbackReceivableEntity,
  DisbursementBatchEntity,
  DisbursementItemEntity,
  DisbursementOffsetEntity,
} from '@huiqi/database';
import type { Actor, WorkflowEvent } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  ApplicationTransitionService,
  PlannedTransition,
} from '../applications/application-transition.service';
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
    await this.transitions.apply(m, application.id, paymentEvent(item), actor);
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

  /**
   * Which of these items `settlePaidMany` can settle together: their grants, locked here, accept
   * PAYMENT_SUCCEEDED with nothing but notifications as effects, each has its reservation of that
   * amount, and none keeps back an offset for a clawback. The others (their reason in `refused`) take
   * `settlePaid`, one by one, which gives the reason they fail, if they do.
   */
  async planPaidMany(
    m: EntityManager,
    items: DisbursementItemEntity[],
    actor: WorkflowActor,
  ): Promise<{ planned: Map<string, PlannedTransition>; refused: Map<string, string> }> {
    const refused = new Map<string, string>();
    if (items.length === 0) return { planned: new Map(), refused };
    const applicationIds = [...new Set(items.map((i) => i.applicationId))].sort();
    const applications = new Map(
      (
        await m.find(ApplicationEntity, {
          where: { id: In(applicationIds) },
          order: { id: 'ASC' },
          lock: { mode: 'pessimistic_write' },
        })
      ).map((a) => [a.id, a]),
    );
    const blocked: { item_id: string; why: string }[] = await m.query(
      `SELECT u.item_id, CASE WHEN o.item_id IS NOT NULL THEN 'keeps back a clawback offset'
                              ELSE 'no reservation of this amount' END AS why
       FROM unnest($1::uuid[], $2::uuid[], $3::bigint[]) AS u (item_id, application_id, amount_fen)
       LEFT JOIN LATERAL (SELECT item_id FROM disbursement_offsets WHERE item_id = u.item_id LIMIT 1) o ON true
       LEFT JOIN fund_reservations r ON r.application_id = u.application_id AND r.status = 'reserved'
         AND r.amount_fen = u.amount_fen
       WHERE o.item_id IS NOT NULL OR r.application_id IS NULL`,
      [items.map((i) => i.id), items.map((i) => i.applicationId), items.map((i) => String(i.amountFen))],
    );
    for (const b of blocked) refused.set(b.item_id, b.why);
    const candidates = items.filter((i) => !refused.has(i.id) && applications.has(i.applicationId));
    const plans = this.transitions.planMany(
      candidates.map((item) => ({
        application: applications.get(item.applicationId)!,
        event: paymentEvent(item),
      })),
      actor,
    );
    const planned = new Map<string, PlannedTransition>();
    for (const item of items) {
      if (refused.has(item.id)) continue;
      const plan = plans.planned.get(item.applicationId);
      if (plan) planned.set(item.id, plan);
      else refused.set(item.id, plans.refused.get(item.applicationId) ?? 'the grant was not found');
    }
    return { planned, refused };
  }

  /**
   * `settlePaid` for many items planned by `planPaidMany`, set-based: the items moved to paid, the
   * grants' transitions, the reservations spent and the journals and audit events written, each in one
   * or a few statements. Every write stays conditional (item still awaiting the bank, grant at the
   * version planned, reservation still reserved): if any finds otherwise, it throws and the caller's
   * savepoint takes the whole set back.
   */
  async settlePaidMany(
    m: EntityManager,
    settles: { item: DisbursementItemEntity; plan: PlannedTransition; bank: BankOutcome }[],
    actor: WorkflowActor,
  ): Promise<void> {
    if (settles.length === 0) return;
    const moved = await updateReturning<{ id: string }>(
      m,
      `UPDATE disbursement_items i SET state = 'paid', outcome_reason = NULL, value_date = u.value_date,
         settled_at = now(), updated_at = now()
       FROM unnest($1::uuid[], $2::date[]) AS u (id, value_date)
       WHERE i.id = u.id AND i.state = 'awaiting_bank' RETURNING i.id`,
      [settles.map((s) => s.item.id), settles.map((s) => s.bank.valueDate)],
    );
    if (moved.length !== settles.length) {
      const movedIds = new Set(moved.map((r) => r.id));
      const stuck = settles.find((s) => !movedIds.has(s.item.id)) ?? settles[0];
      throw new DomainError(
        DomainErrorCode.Conflict,
        text('error.payment-has-outcome', { ref: stuck.item.paymentReference }),
      );
    }
    const applications = await this.transitions.commitMany(
      m,
      settles.map((s) => s.plan),
      actor,
    );
    await this.funds.payMany(
      m,
      settles.map((s, i) => ({
        application: applications[i],
        amountFen: s.item.amountFen,
        disbursementItemId: s.item.id,
        statementLineId: s.bank.statementLineId,
        actor,
      })),
    );
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
        text('error.payment-has-outcome', { ref: item.paymentReference }),
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

/** What the bank's confirmation of a payment tells the grant's machine. */
function paymentEvent(item: DisbursementItemEntity): WorkflowEvent {
  return { type: 'PAYMENT_SUCCEEDED', paidAmountFen: item.amountFen, paymentRef: item.paymentReference };
}
