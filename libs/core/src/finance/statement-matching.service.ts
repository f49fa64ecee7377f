import { DisbursementItemEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { actorUserId } from './finance-actor';
import { bankStatementStream } from './finance-streams';
import { PaymentSettlementService, WorkflowActor } from './payment-settlement.service';
import { Applied, SettleLine, StatementImportService } from './statement-import.service';
import { lockZoneMoney } from './zone-money-lock';

/** Outcomes of a line that moved no money and that a person may resolve by matching it by hand. */
export const UNRESOLVED_OUTCOMES = ['unknown_reference', 'amount_mismatch', 'needs_review'] as const;

export interface MatchProposalInput {
  paymentReference?: string;
  clawbackReference?: string;
  comment: string;
}

export interface MatchProposal {
  id: string;
  statementLineId: string;
  importId: string;
  lineNo: number;
  reference: string;
  target: 'payment' | 'clawback';
  comment: string;
  state: 'pending' | 'confirmed' | 'rejected' | 'void';
  proposedBy: string;
  proposedByName: string | null;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
}

/** The statement line a proposal is addressed under (its URL); another line's proposal is 404. */
export interface LineAt {
  importId: string;
  lineNo: number;
}

interface LineRow {
  id: string;
  zone_id: string;
  import_id: string;
  line_no: number;
  value_date: string;
  direction: 'debit' | 'credit';
  amount_fen: string;
  bank_status: 'success' | 'returned' | 'failed';
  bank_reason: string | null;
  outcome: string;
  superseded_by: string | null;
}

const PROPOSAL_COLUMNS = `p.id, p.statement_line_id AS "statementLineId", l.import_id AS "importId", l.line_no AS "lineNo",
  p.reference, CASE WHEN p.item_id IS NULL THEN 'clawback' ELSE 'payment' END AS target, p.comment, p.state,
  p.proposed_by AS "proposedBy", (SELECT u.display_name FROM users u WHERE u.id = p.proposed_by) AS "proposedByName",
  p.proposed_at AS "proposedAt", p.decided_by AS "decidedBy",
  p.decided_at AS "decidedAt", p.decision_comment AS "decisionComment"`;

/**
 * Hand matching of statement lines under four eyes (invariant 9). A finance user proposes the payment
 * or clawback an unresolved line belongs to; a second finance user confirms it — only then is the line
 * settled, through the same decision and settlement as an imported line (the grant paid, the ledger
 * entry written with the statement line) — or rejects it. Each step is audited on the zone's bank
 * statement stream. Confirmation takes the zone's money lock and the proposal's row: of two
 * confirmations at once, one settles and the other finds the proposal decided (409).
 */
@Injectable()
export class StatementMatchingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statements: StatementImportService,
    private readonly settlement: PaymentSettlementService,
    private readonly audit: AuditService,
  ) {}

  async propose(
    zoneId: string,
    importId: string,
    lineNo: number,
    input: MatchProposalInput,
    actor: WorkflowActor,
  ): Promise<MatchProposal> {
    // A JSON null is "not sent" (class-validator's IsOptional lets it through).
    const byPayment = input.paymentReference != null;
    if (byPayment === (input.clawbackReference != null)) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        'Give exactly one of paymentReference and clawbackReference',
        {},
        [
          {
            field: 'paymentReference',
            messages: ['exactly one of paymentReference and clawbackReference is required'],
          },
        ],
      );
    }
    const reference = (byPayment ? input.paymentReference! : input.clawbackReference!).trim().toUpperCase();
    const field = byPayment ? 'paymentReference' : 'clawbackReference';
    return this.dataSource.transaction(async (m) => {
      const line = await this.lockLine(m, zoneId, importId, lineNo);
      this.assertUnresolved(line);
      let itemId: string | null = null;
      let receivableId: string | null = null;
      if (byPayment) {
        const rows: { id: string; state: string }[] = await m.query(
          `SELECT id, state FROM disbursement_items WHERE zone_id = $1 AND payment_reference = $2`,
          [zoneId, reference],
        );
        if (rows.length === 0)
          throw DomainError.invalid(field, `no payment of this zone has the reference ${reference}`);
        if (rows[0].state !== 'awaiting_bank') {
          throw DomainError.invalid(field, `payment ${reference} is ${rows[0].state}, not awaiting the bank`);
        }
        itemId = rows[0].id;
      } else {
        const rows: { id: string; state: string }[] = await m.query(
          `SELECT id, state FROM clawback_receivables WHERE zone_id = $1 AND reference = $2`,
          [zoneId, reference],
        );
        if (rows.length === 0)
          throw DomainError.invalid(field, `no clawback of this zone has the reference ${reference}`);
        if (rows[0].state !== 'open')
          throw DomainError.invalid(field, `clawback ${reference} is already recovered`);
        receivableId = rows[0].id;
      }
      let created: { id: string }[];
      try {
        created = await m.query(
          `INSERT INTO bank_line_match_proposals (zone_id, statement_line_id, item_id, receivable_id, reference, comment,
             state, proposed_by)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING id`,
          [zoneId, line.id, itemId, receivableId, reference, input.comment, actorUserId(actor)],
        );
      } catch (error) {
        if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
          throw new DomainError(
            DomainErrorCode.Conflict,
            `Line ${lineNo} already has a match proposal waiting for confirmation`,
          );
        }
        throw error;
      }
      await this.audit.append(m, {
        stream: bankStatementStream(zoneId),
        zoneId,
        enterpriseId: null,
        actorId: actorUserId(actor),
        actorRole: actor.role,
        action: 'bank-statement.match-proposed',
        data: { proposalId: created[0].id, importId, lineNo, reference, comment: input.comment },
      });
      return this.read(m, zoneId, created[0].id);
    });
  }

  async confirm(
    zoneId: string,
    proposalId: string,
    actor: WorkflowActor,
    comment: string | null,
    at?: LineAt,
  ): Promise<MatchProposal> {
    return this.dataSource.transaction(async (m) => {
      await lockZoneMoney(m, zoneId);
      const proposal = await this.lockProposal(m, zoneId, proposalId, at);
      if (proposal.proposed_by === actorUserId(actor)) {
        throw new DomainError(
          DomainErrorCode.Forbidden,
          'Four eyes: a match must be confirmed by a finance user other than the one who proposed it',
          { proposedBy: proposal.proposed_by },
        );
      }
      const line = await this.lockLineById(m, proposal.statement_line_id);
      this.assertUnresolved(line);
      const settleLine: SettleLine = {
        statementLineId: line.id,
        valueDate: line.value_date,
        direction: line.direction,
        amountFen: Number(line.amount_fen),
        status: line.bank_status,
        reason: line.bank_reason,
      };
      let applied: Applied;
      let batchId: string | null = null;
      if (proposal.item_id) {
        const item = await m.findOneOrFail(DisbursementItemEntity, {
          where: { id: proposal.item_id },
          lock: { mode: 'pessimistic_write' },
        });
        batchId = item.batchId;
        applied = await this.statements.applyToPayment(m, settleLine, item, actor);
      } else {
        applied = await this.statements.applyToClawback(m, settleLine, proposal.receivable_id!, actor);
      }
      if (!['matched', 'returned', 'recovered'].includes(applied.outcome)) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          `The line cannot settle ${proposal.reference}: ${applied.detail ?? applied.outcome}`,
          { outcome: applied.outcome },
        );
      }
      const detail = `matched by hand to ${proposal.reference}${applied.detail ? `; ${applied.detail}` : ''}`;
      await m.query(
        `UPDATE bank_statement_lines SET outcome = $2, detail = $3, item_id = $4, receivable_id = $5,
           expected_amount_fen = NULL
         WHERE id = $1`,
        [line.id, applied.outcome, detail, proposal.item_id, proposal.receivable_id],
      );
      // The import's counts follow the line from its first outcome to its settled one.
      await m.query(
        `UPDATE bank_statement_imports SET counts = counts
           || jsonb_build_object($2::text, coalesce((counts ->> $2::text)::int, 0) - 1)
           || jsonb_build_object($3::text, coalesce((counts ->> $3::text)::int, 0) + 1)
         WHERE id = $1 AND status = 'completed'`,
        [line.import_id, line.outcome, applied.outcome],
      );
      await m.query(
        `UPDATE bank_line_match_proposals SET state = 'confirmed', decided_by = $2, decided_at = now(),
           decision_comment = $3
         WHERE id = $1`,
        [proposalId, actorUserId(actor), comment],
      );
      if (batchId) await this.settlement.closeBatchIfDone(m, batchId);
      await this.audit.append(m, {
        stream: bankStatementStream(zoneId),
        zoneId,
        enterpriseId: null,
        actorId: actorUserId(actor),
        actorRole: actor.role,
        action: 'bank-statement.match-confirmed',
        data: {
          proposalId,
          importId: line.import_id,
          lineNo: line.line_no,
          reference: proposal.reference,
          proposedBy: proposal.proposed_by,
          outcome: applied.outcome,
          comment,
        },
      });
      return this.read(m, zoneId, proposalId);
    });
  }

  /** Rejects a pending proposal (the proposer may withdraw their own); nothing is settled. */
  async reject(
    zoneId: string,
    proposalId: string,
    actor: WorkflowActor,
    comment: string,
    at?: LineAt,
  ): Promise<MatchProposal> {
    return this.dataSource.transaction(async (m) => {
      const proposal = await this.lockProposal(m, zoneId, proposalId, at);
      await m.query(
        `UPDATE bank_line_match_proposals SET state = 'rejected', decided_by = $2, decided_at = now(),
           decision_comment = $3
         WHERE id = $1`,
        [proposalId, proposal.proposed_by === actorUserId(actor) ? null : actorUserId(actor), comment],
      );
      await this.audit.append(m, {
        stream: bankStatementStream(zoneId),
        zoneId,
        enterpriseId: null,
        actorId: actorUserId(actor),
        actorRole: actor.role,
        action: 'bank-statement.match-rejected',
        data: { proposalId, reference: proposal.reference, proposedBy: proposal.proposed_by, comment },
      });
      return this.read(m, zoneId, proposalId);
    });
  }

  /** Proposals of the zone, newest first (pending only unless `state` says otherwise). */
  async list(
    zoneId: string,
    filter: { state?: MatchProposal['state']; importId?: string },
  ): Promise<MatchProposal[]> {
    return this.dataSource.query(
      `SELECT ${PROPOSAL_COLUMNS} FROM bank_line_match_proposals p
       JOIN bank_statement_lines l ON l.id = p.statement_line_id
       WHERE p.zone_id = $1 AND ($2::text IS NULL OR p.state = $2) AND ($3::uuid IS NULL OR l.import_id = $3)
       ORDER BY p.proposed_at DESC LIMIT 1000`,
      [zoneId, filter.state ?? null, filter.importId ?? null],
    );
  }

  private async read(m: EntityManager, zoneId: string, id: string): Promise<MatchProposal> {
    const rows: MatchProposal[] = await m.query(
      `SELECT ${PROPOSAL_COLUMNS} FROM bank_line_match_proposals p
       JOIN bank_statement_lines l ON l.id = p.statement_line_id
       WHERE p.id = $1 AND p.zone_id = $2`,
      [id, zoneId],
    );
    if (rows.length === 0) throw DomainError.notFound('match proposal');
    return rows[0];
  }

  private async lockProposal(
    m: EntityManager,
    zoneId: string,
    id: string,
    at?: LineAt,
  ): Promise<{
    statement_line_id: string;
    item_id: string | null;
    receivable_id: string | null;
    reference: string;
    proposed_by: string;
  }> {
    const rows: {
      statement_line_id: string;
      item_id: string | null;
      receivable_id: string | null;
      reference: string;
      proposed_by: string;
      state: string;
    }[] = await m.query(
      `SELECT p.statement_line_id, p.item_id, p.receivable_id, p.reference, p.proposed_by, p.state
       FROM bank_line_match_proposals p JOIN bank_statement_lines l ON l.id = p.statement_line_id
       WHERE p.id = $1 AND p.zone_id = $2 AND ($3::uuid IS NULL OR (l.import_id = $3 AND l.line_no = $4))
       FOR UPDATE OF p`,
      [id, zoneId, at?.importId ?? null, at?.lineNo ?? null],
    );
    if (rows.length === 0) throw DomainError.notFound('match proposal');
    if (rows[0].state !== 'pending') {
      throw new DomainError(DomainErrorCode.Conflict, `The match proposal is already ${rows[0].state}`, {
        state: rows[0].state,
      });
    }
    return rows[0];
  }

  private async lockLine(
    m: EntityManager,
    zoneId: string,
    importId: string,
    lineNo: number,
  ): Promise<LineRow> {
    const rows: LineRow[] = await m.query(
      `SELECT ${LINE_COLUMNS} FROM bank_statement_lines
       WHERE import_id = $1 AND zone_id = $2 AND line_no = $3 FOR UPDATE`,
      [importId, zoneId, lineNo],
    );
    if (rows.length === 0) throw DomainError.notFound('statement line');
    return rows[0];
  }

  private async lockLineById(m: EntityManager, id: string): Promise<LineRow> {
    const rows: LineRow[] = await m.query(
      `SELECT ${LINE_COLUMNS} FROM bank_statement_lines WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  private assertUnresolved(line: LineRow): void {
    if (line.superseded_by) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        `Line ${line.line_no} was superseded by a later import of the same bank transaction; match that line instead`,
        { supersededBy: line.superseded_by },
      );
    }
    if (!(UNRESOLVED_OUTCOMES as readonly string[]).includes(line.outcome)) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        `Line ${line.line_no} is ${line.outcome}: only unknown, mismatched or review lines are matched by hand`,
        { outcome: line.outcome },
      );
    }
  }
}

const LINE_COLUMNS = `id, zone_id, import_id, line_no, to_char(value_date, 'YYYY-MM-DD') AS value_date, direction,
  amount_fen::text AS amount_fen, bank_status, bank_reason, outcome, superseded_by`;
