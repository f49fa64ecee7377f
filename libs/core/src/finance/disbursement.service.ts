import { ACCOUNT_NO_PATTERN, maskAccountNo, text } from '@huiqi/common';
import {
  ApplicationEntity,
  DisbursementBatchEntity,
  DisbursementItemEntity,
  EnterpriseEntity,
  FundReservationEntity,
} from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ApplicationTransitionService } from '../applications/application-transition.service';
import { AuditService } from '../audit/audit.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { actorUserId } from './finance-actor';
import { disbursementBatchStream } from './finance-streams';
import { PaymentSettlementService, WorkflowActor } from './payment-settlement.service';
import { bankLayout, bankLayoutCodes, missingPayeeFields, PAYEE_FIELD_LABELS } from './bank-layouts';
import { DEFAULT_BANK_LAYOUT } from './bank-layouts.data';
import { paymentFileCsv, paymentFileXlsx } from './payment-file';
import { lockZoneMoney } from './zone-money-lock';

export interface BatchFilters {
  programCode?: string;
  fiscalYear?: number;
  /** Approved on or after this day (YYYY-MM-DD, Asia/Shanghai). */
  approvedFrom?: string;
  /** Approved on or before this day (YYYY-MM-DD, Asia/Shanghai). */
  approvedTo?: string;
  enterpriseId?: string;
  applicationIds?: string[];
}

export interface SkippedGrant {
  applicationId: string;
  reference: string;
  reason: string;
}

export interface BatchPreview {
  count: number;
  amountFen: number;
  skipped: SkippedGrant[];
}

export interface BuiltBatch {
  batch: DisbursementBatchEntity;
  skipped: SkippedGrant[];
}

export interface LockedBatch {
  batch: DisbursementBatchEntity;
  /** Items taken out at lock time because their grant could no longer be paid, with why. */
  removed: SkippedGrant[];
}

export interface PaymentFile {
  fileName: string;
  contentType: string;
  content: string | Buffer;
}

/** Grants per batch, so one payment file stays reviewable and one transaction stays short. */
export const MAX_BATCH_ITEMS = 2000;

/** States a batch can be cancelled in: nothing has gone to the bank yet. */
const CANCELLABLE = ['draft', 'locked'];

/**
 * Disbursement batches: draft (grants chosen) → locked (contents and payees frozen; every grant moves
 * to `disbursing`) → exported (payment file produced) → settled / partly settled (by bank statements).
 *
 * DISBURSEMENT_STARTED is sent at LOCK, not at export: locking is the point of no return for the
 * batch's contents, and a grant in `disbursing` can no longer be cancelled, so a grant cannot be
 * cancelled (and its reservation released) while it sits in a payment file. A locked batch that has
 * not been exported can still be cancelled; its grants are sent PAYMENT_FAILED and become payable again.
 */
@Injectable()
export class DisbursementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: ApplicationTransitionService,
    private readonly settlement: PaymentSettlementService,
    private readonly audit: AuditService,
  ) {}

  /** A draft batch of the zone's approved, unpaid grants matching the filters that are in no open batch. */
  async build(
    zoneId: string,
    filters: BatchFilters,
    note: string | null,
    actor: WorkflowActor,
  ): Promise<BuiltBatch> {
    return this.dataSource.transaction(async (m) => {
      await lockZoneMoney(m, zoneId);
      const candidates = await this.candidates(m, zoneId, filters);
      const skipped: SkippedGrant[] = [];
      const payable = candidates.filter((c) => {
        const reason =
          c.reservation_status !== 'reserved'
            ? 'the grant holds no reservation in a fund pool'
            : payeeProblem(c);
        if (reason) skipped.push({ applicationId: c.id, reference: c.reference, reason });
        return reason === null;
      });
      if (payable.length === 0) {
        throw new DomainError(DomainErrorCode.Unprocessable, text('error.batch-nothing-payable'), {
          skipped,
        });
      }
      const rows: { id: string }[] = await m.query(
        `INSERT INTO disbursement_batches (zone_id, state, filters, note, created_by) VALUES ($1, 'draft', $2, $3, $4)
         RETURNING id`,
        [zoneId, JSON.stringify(filters), note, actorUserId(actor)],
      );
      const batchId = rows[0].id;
      // A grant already in another open batch is skipped by the unique index, even under a race.
      await m.query(
        `INSERT INTO disbursement_items (batch_id, zone_id, application_id, enterprise_id, pool_id, payment_reference,
           amount_fen, state)
         SELECT $1, a.zone_id, a.id, a.enterprise_id, r.pool_id,
           a.reference || 'P' || (1 + (SELECT count(*) FROM disbursement_items i WHERE i.application_id = a.id)),
           r.amount_fen, 'draft'
         FROM applications a JOIN fund_reservations r ON r.application_id = a.id
         WHERE a.id = ANY($2::uuid[])
         ORDER BY a.reference
         ON CONFLICT DO NOTHING`,
        [batchId, payable.map((c) => c.id)],
      );
      const batch = await m.findOneByOrFail(DisbursementBatchEntity, { id: batchId });
      const totals = await this.totals(m, batchId);
      if (totals.count === 0) {
        throw new DomainError(DomainErrorCode.Conflict, text('error.batch-raced'));
      }
      await this.appendAudit(m, batch, actor, 'batch.created', totals.amountFen, {
        filters,
        note,
        ...totals,
        skipped,
      });
      return { batch, skipped };
    });
  }

  /**
   * What `build` would put into a batch now, without building it: the payable grants' count and total
   * (their reservations) and the matching grants that cannot be paid, with why. A read: the batch
   * built a moment later may differ if grants are approved or batched meanwhile.
   */
  async preview(zoneId: string, filters: BatchFilters): Promise<BatchPreview> {
    const candidates = await this.candidates(this.dataSource.manager, zoneId, filters);
    const skipped: SkippedGrant[] = [];
    let count = 0;
    let amountFen = 0;
    for (const c of candidates) {
      const reason =
        c.reservation_status !== 'reserved'
          ? 'the grant holds no reservation in a fund pool'
          : payeeProblem(c);
      if (reason) skipped.push({ applicationId: c.id, reference: c.reference, reason });
      else {
        count += 1;
        amountFen += Number(c.reservation_fen ?? 0);
      }
    }
    return { count, amountFen, skipped };
  }

  /** Takes a grant out of a draft batch; it becomes available to other batches. */
  async removeItem(
    zoneId: string,
    batchId: string,
    itemId: string,
    reason: string,
    actor: WorkflowActor,
  ): Promise<DisbursementBatchEntity> {
    return this.dataSource.transaction(async (m) => {
      await lockZoneMoney(m, zoneId);
      const batch = await this.lockBatch(m, zoneId, batchId);
      requireState(batch, ['draft'], 'remove grants from');
      const item = await m.findOneBy(DisbursementItemEntity, { id: itemId, batchId });
      if (!item || item.state !== 'draft') throw DomainError.notFound('disbursementItem');
      await m.update(
        DisbursementItemEntity,
        { id: item.id },
        { state: 'removed', outcomeReason: reason, updatedAt: new Date() },
      );
      await this.appendAudit(m, batch, actor, 'batch.item-removed', item.amountFen, {
        itemId,
        applicationId: item.applicationId,
        paymentReference: item.paymentReference,
        reason,
      });
      return batch;
    });
  }

  /**
   * Freezes the batch: re-checks every grant under its row lock, copies the payee's bank details,
   * keeps back what the enterprise owes on open clawbacks (offset), and sends DISBURSEMENT_STARTED.
   * Grants that can no longer be paid are taken out with the reason; an item fully covered by an
   * offset is paid at once without a bank transfer.
   */
  async lock(zoneId: string, batchId: string, actor: WorkflowActor): Promise<LockedBatch> {
    return this.dataSource.transaction(async (m) => {
      await lockZoneMoney(m, zoneId);
      const batch = await this.lockBatch(m, zoneId, batchId);
      requireState(batch, ['draft'], 'lock');
      const items = await m.find(DisbursementItemEntity, {
        where: { batchId, state: 'draft' },
        order: { applicationId: 'ASC' },
      });
      await this.refuseIncompletePayees(m, items);
      const removed: SkippedGrant[] = [];
      let kept = 0;
      for (const item of items) {
        const application = await m.findOne(ApplicationEntity, {
          where: { id: item.applicationId },
          lock: { mode: 'pessimistic_write' },
        });
        const enterprise = await m.findOneByOrFail(EnterpriseEntity, { id: item.enterpriseId });
        const reservation = await m.findOneBy(FundReservationEntity, { applicationId: item.applicationId });
        const reason = lockProblem(item, application, reservation, enterprise);
        if (reason) {
          await m.update(
            DisbursementItemEntity,
            { id: item.id },
            { state: 'removed', outcomeReason: reason, updatedAt: new Date() },
          );
          removed.push({
            applicationId: item.applicationId,
            reference: application?.reference ?? '',
            reason,
          });
          continue;
        }
        const offsetFen = await this.settlement.planOffsets(m, item);
        await m.update(
          DisbursementItemEntity,
          { id: item.id },
          {
            state: 'awaiting_bank',
            offsetFen,
            payeeName: enterprise.bankAccountName ?? enterprise.name,
            payeeUscc: enterprise.uscc,
            bankName: enterprise.bankName,
            accountNo: enterprise.bankAccountNo,
            cnapsCode: enterprise.bankCnapsCode,
            updatedAt: new Date(),
          },
        );
        await this.transitions.apply(m, item.applicationId, { type: 'DISBURSEMENT_STARTED', batchId }, actor);
        if (offsetFen === item.amountFen) {
          const locked = await m.findOneByOrFail(DisbursementItemEntity, { id: item.id });
          await this.settlement.settlePaid(m, locked, { statementLineId: null, valueDate: null }, actor);
        }
        kept++;
      }
      if (kept === 0) {
        throw new DomainError(DomainErrorCode.Conflict, text('error.batch-none-payable'), {
          removed,
        });
      }
      await m.update(
        DisbursementBatchEntity,
        { id: batchId },
        { state: 'locked', lockedAt: new Date(), lockedBy: actorUserId(actor), updatedAt: new Date() },
      );
      await this.settlement.closeBatchIfDone(m, batchId);
      const totals = await this.totals(m, batchId);
      const locked = await m.findOneByOrFail(DisbursementBatchEntity, { id: batchId });
      await this.appendAudit(m, locked, actor, 'batch.locked', totals.amountFen, { ...totals, removed });
      return { batch: locked, removed };
    });
  }

  /**
   * The payment file for the bank. The first export moves the batch to `exported`; later calls give
   * the same file again (it is built from the payee details frozen at lock) and are audited too.
   */
  async exportPaymentFile(
    zoneId: string,
    batchId: string,
    actor: WorkflowActor,
    options: { layout?: string; format?: 'csv' | 'xlsx' } = {},
  ): Promise<PaymentFile> {
    const layout = bankLayout(options.layout ?? DEFAULT_BANK_LAYOUT);
    if (!layout) {
      throw DomainError.invalid('layout', `layout must be one of ${bankLayoutCodes().join(', ')}`);
    }
    const format = options.format ?? 'csv';
    return this.dataSource.transaction(async (m) => {
      const batch = await this.lockBatch(m, zoneId, batchId);
      requireState(batch, ['locked', 'exported', 'settled', 'partly_settled'], 'export');
      const first = batch.state === 'locked';
      await m.query(
        `UPDATE disbursement_batches SET export_count = export_count + 1, updated_at = now(),
           state = CASE WHEN state = 'locked' THEN 'exported' ELSE state END,
           exported_at = coalesce(exported_at, now()), exported_by = coalesce(exported_by, $2)
         WHERE id = $1`,
        [batchId, actorUserId(actor)],
      );
      const items = await m.find(DisbursementItemEntity, {
        where: { batchId, state: In(['awaiting_bank', 'paid', 'returned']) },
        order: { paymentReference: 'ASC' },
      });
      const inFile = items.filter((i) => i.transferFen > 0);
      const instructions = inFile.map((i) => ({
        paymentReference: i.paymentReference,
        payeeName: i.payeeName ?? '',
        payeeUscc: i.payeeUscc ?? '',
        bankName: i.bankName ?? '',
        accountNo: i.accountNo ?? '',
        cnapsCode: i.cnapsCode,
        transferFen: i.transferFen,
        purpose: `惠企补贴 ${i.paymentReference}`,
      }));
      const missing = instructions.filter((i) => missingPayeeFields(layout, i).length > 0);
      if (missing.length > 0) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          `The ${layout.code} layout needs payee details ${missing.length} payment(s) of this batch lack`,
          {
            payees: missing.map((i) => ({
              paymentReference: i.paymentReference,
              payeeName: i.payeeName,
              missing: missingPayeeFields(layout, i),
            })),
          },
        );
      }
      const transferFen = inFile.reduce((s, i) => s + i.transferFen, 0);
      await this.appendAudit(
        m,
        batch,
        actor,
        first ? 'batch.exported' : 'batch.payment-file-downloaded',
        transferFen,
        {
          transfers: inFile.length,
          transferFen,
          layout: layout.code,
          format,
        },
      );
      if (format === 'xlsx') {
        return {
          fileName: `${batch.reference}.xlsx`,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content: await paymentFileXlsx(layout, instructions, batch.reference),
        };
      }
      return {
        fileName: `${batch.reference}.csv`,
        contentType: 'text/csv; charset=utf-8',
        content: paymentFileCsv(layout, instructions),
      };
    });
  }

  /**
   * Refuses to lock a batch whose payees lack a detail the bank's layout needs (联行号, bank name, ...):
   * a 409 naming each payee and the fields it lacks, before anything changes. Payees without any bank
   * account are taken out of the batch by the lock itself, as before.
   */
  private async refuseIncompletePayees(m: EntityManager, items: DisbursementItemEntity[]): Promise<void> {
    const layout = bankLayout(DEFAULT_BANK_LAYOUT)!;
    if (items.length === 0) return;
    const enterprises = await m.find(EnterpriseEntity, {
      where: { id: In([...new Set(items.map((i) => i.enterpriseId))]) },
    });
    // A payee whose only account is a change finance has not verified yet is never paid to it, and is
    // not silently dropped either: the lock names it, like a payee without a 联行号.
    const pendingOnly: { id: string; name: string }[] = await m.query(
      `SELECT e.id, coalesce(c.account_name, e.name) AS name FROM enterprises e
       JOIN bank_account_changes c ON c.enterprise_id = e.id AND c.state = 'pending'
       WHERE e.id = ANY($1::uuid[]) AND (e.bank_account_no IS NULL OR e.bank_name IS NULL)
       ORDER BY e.id`,
      [enterprises.map((e) => e.id)],
    );
    if (pendingOnly.length > 0) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        text('error.bank-account-pending-only', { payees: pendingOnly.map((p) => p.name).join('、') }),
        { payees: pendingOnly.map((p) => ({ enterpriseId: p.id, payeeName: p.name })) },
        pendingOnly.map((p) => ({
          field: `payees[${p.id}].bankAccount`,
          messages: [`${p.name}: ${PENDING_ACCOUNT_ONLY}`],
        })),
      );
    }
    const problems = enterprises
      .filter((e) => e.bankAccountNo)
      .map((e) => ({
        enterpriseId: e.id,
        payeeName: e.bankAccountName ?? e.name,
        missing: missingPayeeFields(layout, {
          payeeName: e.bankAccountName ?? e.name,
          payeeUscc: e.uscc,
          accountNo: e.bankAccountNo,
          bankName: e.bankName,
          cnapsCode: e.bankCnapsCode,
        }),
      }))
      .filter((p) => p.missing.length > 0);
    if (problems.length === 0) return;
    throw new DomainError(
      DomainErrorCode.Conflict,
      `Payees lack details the ${layout.code} payment layout needs: ` +
        problems
          .map((p) => `${p.payeeName} (${p.missing.map((f) => PAYEE_FIELD_LABELS[f]).join(', ')})`)
          .join('; '),
      { layout: layout.code, payees: problems },
      problems.flatMap((p) =>
        p.missing.map((f) => ({
          field: `payees[${p.enterpriseId}].${f}`,
          messages: [`${p.payeeName} has no ${PAYEE_FIELD_LABELS[f]}`],
        })),
      ),
    );
  }

  /**
   * Cancels a batch before anything went to the bank. Draft: its grants are simply released from it.
   * Locked: every grant awaiting the bank is sent PAYMENT_FAILED with the reason and is payable again.
   */
  async cancel(
    zoneId: string,
    batchId: string,
    reason: string,
    actor: WorkflowActor,
  ): Promise<DisbursementBatchEntity> {
    return this.dataSource.transaction(async (m) => {
      await lockZoneMoney(m, zoneId);
      const batch = await this.lockBatch(m, zoneId, batchId);
      requireState(batch, CANCELLABLE, 'cancel');
      if (batch.state === 'draft') {
        await m.update(
          DisbursementItemEntity,
          { batchId, state: 'draft' },
          { state: 'removed', outcomeReason: reason, updatedAt: new Date() },
        );
      } else {
        const waiting = await m.find(DisbursementItemEntity, {
          where: { batchId, state: 'awaiting_bank' },
          order: { applicationId: 'ASC' },
        });
        for (const item of waiting) {
          await m.findOne(ApplicationEntity, {
            where: { id: item.applicationId },
            lock: { mode: 'pessimistic_write' },
          });
          await this.transitions.apply(
            m,
            item.applicationId,
            {
              type: 'PAYMENT_FAILED',
              reason: `Disbursement batch ${batch.reference} was cancelled before export: ${reason}`,
            },
            actor,
          );
          await m.update(
            DisbursementItemEntity,
            { id: item.id },
            { state: 'cancelled', outcomeReason: reason, updatedAt: new Date() },
          );
        }
      }
      await m.update(
        DisbursementBatchEntity,
        { id: batchId },
        {
          state: 'cancelled',
          cancelledAt: new Date(),
          cancelledBy: actorUserId(actor),
          cancelReason: reason,
          updatedAt: new Date(),
        },
      );
      const cancelled = await m.findOneByOrFail(DisbursementBatchEntity, { id: batchId });
      await this.appendAudit(m, cancelled, actor, 'batch.cancelled', null, { reason, from: batch.state });
      return cancelled;
    });
  }

  private async candidates(m: EntityManager, zoneId: string, f: BatchFilters): Promise<Candidate[]> {
    const where = [`a.zone_id = $1`, `a.state = 'approved'`];
    const params: unknown[] = [zoneId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.programCode) add('a.program_code = ?', f.programCode);
    if (f.fiscalYear) add('a.fiscal_year = ?', f.fiscalYear);
    if (f.approvedFrom) add(`(a.approved_at AT TIME ZONE 'Asia/Shanghai')::date >= ?::date`, f.approvedFrom);
    if (f.approvedTo) add(`(a.approved_at AT TIME ZONE 'Asia/Shanghai')::date <= ?::date`, f.approvedTo);
    if (f.enterpriseId) add('a.enterprise_id = ?', f.enterpriseId);
    if (f.applicationIds?.length) add('a.id = ANY(?::uuid[])', f.applicationIds);
    params.push(MAX_BATCH_ITEMS);
    return m.query(
      `SELECT a.id, a.reference, r.status AS reservation_status, r.amount_fen::text AS reservation_fen,
              e.bank_account_no, e.bank_name,
              EXISTS (SELECT 1 FROM bank_account_changes c
                      WHERE c.enterprise_id = e.id AND c.state = 'pending') AS account_change_pending
       FROM applications a
       LEFT JOIN fund_reservations r ON r.application_id = a.id
       JOIN enterprises e ON e.id = a.enterprise_id
       WHERE ${where.join(' AND ')}
         AND NOT EXISTS (SELECT 1 FROM disbursement_items i
                         WHERE i.application_id = a.id AND i.state IN ('draft', 'awaiting_bank'))
       ORDER BY a.approved_at NULLS LAST, a.reference
       LIMIT $${params.length}`,
      params,
    );
  }

  async totals(m: EntityManager, batchId: string): Promise<{ count: number; amountFen: number }> {
    const rows: { count: number; amount: string }[] = await m.query(
      `SELECT count(*)::int AS count, coalesce(sum(amount_fen), 0)::text AS amount
       FROM disbursement_items WHERE batch_id = $1 AND state NOT IN ('removed', 'cancelled')`,
      [batchId],
    );
    return { count: rows[0].count, amountFen: Number(rows[0].amount) };
  }

  private async lockBatch(
    m: EntityManager,
    zoneId: string,
    batchId: string,
  ): Promise<DisbursementBatchEntity> {
    const batch = await m.findOne(DisbursementBatchEntity, {
      where: { id: batchId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!batch || batch.zoneId !== zoneId) throw DomainError.notFound('disbursementBatch');
    return batch;
  }

  private async appendAudit(
    m: EntityManager,
    batch: DisbursementBatchEntity,
    actor: WorkflowActor,
    action: string,
    amountFen: number | null,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.append(m, {
      stream: disbursementBatchStream(batch.id),
      zoneId: batch.zoneId,
      enterpriseId: null,
      actorId: actorUserId(actor),
      actorRole: actor.role,
      action,
      amountFen,
      data: { reference: batch.reference, ...data },
    });
  }
}

interface Candidate {
  id: string;
  reference: string;
  reservation_status: string | null;
  reservation_fen: string | null;
  bank_account_no: string | null;
  bank_name: string | null;
  account_change_pending: boolean;
}

/**
 * Why a payee cannot be paid, if it cannot. Only the verified account (the enterprise's bank_* columns)
 * is ever paid: a change waiting for finance's verification is not, so a stolen login cannot redirect a
 * payment (issue 12). A payee whose only account is such a pending change is named as such.
 */
function payeeProblem(c: {
  bank_account_no: string | null;
  bank_name: string | null;
  account_change_pending?: boolean;
}): string | null {
  if ((!c.bank_account_no || !c.bank_name) && c.account_change_pending) {
    return PENDING_ACCOUNT_ONLY;
  }
  if (!c.bank_account_no || !c.bank_name) return 'the enterprise has no bank account on record';
  if (!ACCOUNT_NO_PATTERN.test(c.bank_account_no)) {
    return `the enterprise's bank account ${maskAccountNo(c.bank_account_no)} is not 9-30 digits`;
  }
  return null;
}

const PENDING_ACCOUNT_ONLY =
  "the enterprise's bank account awaits verification by the zone's finance staff (no verified account yet)";

function lockProblem(
  item: DisbursementItemEntity,
  application: ApplicationEntity | null,
  reservation: FundReservationEntity | null,
  enterprise: EnterpriseEntity,
): string | null {
  if (!application || application.state !== 'approved')
    return `the grant is ${application?.state ?? 'gone'}, not approved`;
  if (!reservation || reservation.status !== 'reserved' || reservation.amountFen !== item.amountFen) {
    return 'the grant no longer holds a reservation of this amount';
  }
  return payeeProblem({ bank_account_no: enterprise.bankAccountNo, bank_name: enterprise.bankName });
}

function requireState(batch: DisbursementBatchEntity, allowed: string[], what: string): void {
  if (!allowed.includes(batch.state)) {
    throw new DomainError(
      DomainErrorCode.Conflict,
      text('error.batch-state', {
        ref: batch.reference,
        state: batch.state,
        action: what,
      }),
      { state: batch.state, allowedStates: allowed },
    );
  }
}
