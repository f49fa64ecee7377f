import { maskAccountNo, text } from '@huiqi/common';
import { AuditService } from '@huiqi/core/audit/audit.service';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { EnterpriseEntity } from '@huiqi/database';
import { QueueName, type BankAccountNoticeJob } from '@huiqi/queues';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404 } from '../auth/scope';
import { BANK_ACCOUNT_CHANGE_STATE_LABELS } from '../labels/vocabularies';
import { BankAccountDto } from './bank-account.dto';
import {
  BankAccountChangeState,
  BankAccountChangeView,
  RefuseBankAccountChangeDto,
  VerifyBankAccountChangeDto,
} from './bank-account-changes.dto';

export const enterpriseStreamOf = (id: string) => `enterprise:${id}`;

interface ChangeRow {
  id: string;
  zone_id: string;
  enterprise_id: string;
  enterprise_name: string;
  enterprise_uscc: string;
  bank_name: string;
  account_name: string;
  account_no: string;
  cnaps_code: string | null;
  state: BankAccountChangeState;
  requested_by: string;
  requested_by_name: string | null;
  requested_at: Date;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  current_bank_name: string | null;
  current_account_name: string | null;
  current_account_no: string | null;
  current_cnaps_code: string | null;
}

const SELECT_CHANGES = `
  SELECT c.id, c.zone_id, c.enterprise_id, e.name AS enterprise_name, e.uscc AS enterprise_uscc,
         c.bank_name, c.account_name, c.account_no, c.cnaps_code, c.state, c.requested_by,
         rq.display_name AS requested_by_name, c.requested_at, dc.display_name AS decided_by_name,
         c.decided_at, c.decision_reason,
         e.bank_name AS current_bank_name, e.bank_account_name AS current_account_name,
         e.bank_account_no AS current_account_no, e.bank_cnaps_code AS current_cnaps_code
  FROM bank_account_changes c
  JOIN enterprises e ON e.id = c.enterprise_id
  LEFT JOIN users rq ON rq.id = c.requested_by
  LEFT JOIN users dc ON dc.id = c.decided_by`;

function toView(r: ChangeRow): BankAccountChangeView {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    enterpriseUscc: r.enterprise_uscc,
    state: r.state,
    stateLabel: BANK_ACCOUNT_CHANGE_STATE_LABELS[r.state],
    requested: {
      bankName: r.bank_name,
      accountName: r.account_name,
      accountNo: maskAccountNo(r.account_no),
      cnapsCode: r.cnaps_code,
    },
    current:
      r.current_account_no === null
        ? null
        : {
            bankName: r.current_bank_name ?? '',
            accountName: r.current_account_name ?? '',
            accountNo: maskAccountNo(r.current_account_no),
            cnapsCode: r.current_cnaps_code,
          },
    requestedByName: r.requested_by_name,
    requestedAt: r.requested_at,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
  };
}

/**
 * Bank account changes take effect only once verified (issue 12). An enterprise user's change — and the
 * account given at registration — is stored as a *pending* change; the enterprise's bank_* columns stay
 * the verified account, the only one payments (batch creation, lock, payment file) read. A finance user
 * of the enterprise's zone verifies it (then it is copied onto the enterprise and audited as
 * `enterprise.bank-account-changed`) or refuses it with a reason (the old account stays). Finance, not
 * an officer: finance pays the money and checks the account against the bank's records (联行号, holder
 * name); enterprise users can never verify (four eyes: the one who asks is never the one who approves).
 * Every step is audited on the enterprise's stream and told to all of the enterprise's users, so a
 * change made with a stolen login is seen by the others before it can redirect a payment.
 */
@Injectable()
export class BankAccountChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Records a requested account as pending, superseding a change still waiting (one waits at a time).
   * The caller holds the enterprise's row lock.
   */
  async request(
    m: EntityManager,
    enterprise: EnterpriseEntity,
    dto: BankAccountDto,
    actor: { userId: string; role: string },
  ): Promise<string> {
    const superseded: { id: string }[] = await m.query(
      `UPDATE bank_account_changes SET state = 'superseded', decided_at = now()
       WHERE enterprise_id = $1 AND state = 'pending' RETURNING id`,
      [enterprise.id],
    );
    const created: { id: string }[] = await m.query(
      `INSERT INTO bank_account_changes (zone_id, enterprise_id, bank_name, account_name, account_no, cnaps_code, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        enterprise.zoneId,
        enterprise.id,
        dto.bankName,
        dto.accountName,
        dto.accountNo,
        dto.cnapsCode ?? null,
        actor.userId,
      ],
    );
    const changeId = created[0].id;
    await this.audit.append(m, {
      stream: enterpriseStreamOf(enterprise.id),
      zoneId: enterprise.zoneId,
      enterpriseId: enterprise.id,
      actorId: actor.userId,
      actorRole: actor.role,
      action: 'enterprise.bank-account-change-requested',
      data: {
        changeId,
        current: enterprise.bankAccountNo ? maskAccountNo(enterprise.bankAccountNo) : null,
        requested: maskAccountNo(dto.accountNo),
        bankName: dto.bankName,
        accountName: dto.accountName,
        cnapsCode: dto.cnapsCode ?? null,
        superseded: superseded.map((s) => s.id),
      },
    });
    await this.notify(m, changeId, 'requested');
    return changeId;
  }

  /** The enterprise's latest change unless it was verified (then the account shows as verified). */
  async latestOpen(m: EntityManager, enterpriseId: string): Promise<BankAccountChangeView | null> {
    const rows: ChangeRow[] = await m.query(
      `${SELECT_CHANGES} WHERE c.enterprise_id = $1 AND c.state <> 'superseded'
       ORDER BY c.requested_at DESC, c.id DESC LIMIT 1`,
      [enterpriseId],
    );
    return rows[0] && rows[0].state !== 'verified' ? toView(rows[0]) : null;
  }

  /** The caller's zone's changes in a state (default pending), oldest first: the verification queue. */
  async queue(p: Principal, state: BankAccountChangeState = 'pending'): Promise<BankAccountChangeView[]> {
    const rows: ChangeRow[] = await this.dataSource.query(
      `${SELECT_CHANGES} WHERE ($1::uuid IS NULL OR c.zone_id = $1) AND c.state = $2
       ORDER BY c.requested_at ${state === 'pending' ? 'ASC' : 'DESC'}, c.id LIMIT 500`,
      [p.role === 'admin' ? null : (p.zoneId ?? '00000000-0000-0000-0000-000000000000'), state],
    );
    return rows.map(toView);
  }

  async get(p: Principal, id: string): Promise<BankAccountChangeView> {
    return toView(await this.visible(this.dataSource.manager, p, id));
  }

  /** Makes the change the account payments use. Of two verifications at once exactly one succeeds. */
  async verify(p: Principal, id: string, dto: VerifyBankAccountChangeDto): Promise<BankAccountChangeView> {
    const comment = dto.comment?.trim() ? dto.comment.trim() : null;
    await this.dataSource.transaction(async (m) => {
      const { change, enterprise } = await this.lockDecidable(m, p, id);
      const before = enterprise.bankAccountNo ? maskAccountNo(enterprise.bankAccountNo) : null;
      await m.update(
        EnterpriseEntity,
        { id: enterprise.id },
        {
          bankName: change.bank_name,
          bankAccountName: change.account_name,
          bankAccountNo: change.account_no,
          bankCnapsCode: change.cnaps_code,
          updatedAt: new Date(),
        },
      );
      await m.query(
        `UPDATE bank_account_changes SET state = 'verified', decided_by = $2, decided_at = now(), decision_reason = $3
         WHERE id = $1`,
        [id, p.userId, comment],
      );
      await this.audit.append(m, {
        stream: enterpriseStreamOf(enterprise.id),
        zoneId: enterprise.zoneId,
        enterpriseId: enterprise.id,
        actorId: p.userId,
        actorRole: p.role,
        action: 'enterprise.bank-account-changed',
        comment,
        data: {
          changeId: id,
          before,
          after: maskAccountNo(change.account_no),
          bankName: change.bank_name,
          accountName: change.account_name,
          cnapsCode: change.cnaps_code,
          requestedBy: change.requested_by,
          requestedAt: change.requested_at.toISOString(),
        },
      });
      await this.notify(m, id, 'verified');
    });
    return this.get(p, id);
  }

  /** Refuses the change with the reason the enterprise reads; the verified account stays. */
  async refuse(p: Principal, id: string, dto: RefuseBankAccountChangeDto): Promise<BankAccountChangeView> {
    const reason = dto.reason.trim();
    if (!reason) throw DomainError.invalid('reason', 'reason is required');
    await this.dataSource.transaction(async (m) => {
      const { change, enterprise } = await this.lockDecidable(m, p, id);
      await m.query(
        `UPDATE bank_account_changes SET state = 'refused', decided_by = $2, decided_at = now(), decision_reason = $3
         WHERE id = $1`,
        [id, p.userId, reason],
      );
      await this.audit.append(m, {
        stream: enterpriseStreamOf(enterprise.id),
        zoneId: enterprise.zoneId,
        enterpriseId: enterprise.id,
        actorId: p.userId,
        actorRole: p.role,
        action: 'enterprise.bank-account-change-refused',
        comment: reason,
        data: { changeId: id, requested: maskAccountNo(change.account_no), reason },
      });
      await this.notify(m, id, 'refused');
    });
    return this.get(p, id);
  }

  /**
   * Locks the enterprise, then the change (the order `request` takes them, so the two never deadlock),
   * and checks the change still waits: the second of two decisions at once finds it decided (409).
   */
  private async lockDecidable(
    m: EntityManager,
    p: Principal,
    id: string,
  ): Promise<{ change: ChangeRow; enterprise: EnterpriseEntity }> {
    const seen = await this.visible(m, p, id);
    const enterprise = await m.findOneOrFail(EnterpriseEntity, {
      where: { id: seen.enterprise_id },
      lock: { mode: 'pessimistic_write' },
    });
    const rows: ChangeRow[] = await m.query(
      `SELECT c.*, c.requested_at FROM bank_account_changes c WHERE c.id = $1 FOR UPDATE`,
      [id],
    );
    const change = rows[0];
    if (change.requested_by === p.userId) {
      throw new DomainError(DomainErrorCode.Forbidden, text('error.bank-account-change-own'));
    }
    if (change.state !== 'pending') {
      throw new DomainError(
        DomainErrorCode.Conflict,
        text('error.bank-account-change-decided', {
          state: BANK_ACCOUNT_CHANGE_STATE_LABELS[change.state],
        }),
        { state: change.state },
      );
    }
    return { change, enterprise };
  }

  private async visible(m: EntityManager, p: Principal, id: string): Promise<ChangeRow> {
    const rows: ChangeRow[] = await m.query(`${SELECT_CHANGES} WHERE c.id = $1`, [id]);
    const row = rows[0];
    return inScopeOr404(
      p,
      row && { ...row, zoneId: row.zone_id, enterpriseId: row.enterprise_id },
      'bank account change',
    );
  }

  private notify(m: EntityManager, changeId: string, event: BankAccountNoticeJob['event']) {
    return this.outbox.enqueue(m, [
      {
        queue: QueueName.Notifications,
        jobName: `bank-account-change-${event}`,
        payload: { bankAccountChangeId: changeId, event },
        dedupKey: `bank-account-change:${changeId}:${event}`,
      },
    ]);
  }
}
