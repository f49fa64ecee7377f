import type { BankStatementImportEntity } from '@huiqi/database';
import type { EntityManager } from 'typeorm';
import type { FieldIssue } from '../errors/domain-error';

/**
 * What happened to one statement line:
 * - `matched`: a payment confirmed with the expected amount; the grant is paid, the ledger spends it;
 * - `returned`: the bank returned or refused a payment; the grant is payable again with the reason;
 * - `recovered`: money received against a clawback demand notice (partial allowed);
 * - `amount_mismatch`: a known reference with another amount; nothing changed;
 * - `unknown_reference`: no payment or demand notice of this zone has the reference; nothing changed;
 * - `already_settled`: the payment or clawback already had its outcome from another line; nothing changed;
 * - `needs_review`: a line that contradicts what is recorded (e.g. money back for a paid grant, or a
 *   settlement the ledger or the workflow refused); nothing changed;
 * - `duplicate`: the same bank transaction came in an earlier import (or earlier in this file); nothing changed;
 * - `invalid`: the line could not be read (see `errors`); nothing changed.
 * While a statement is imported in the background, a line whose reference is a payment or a clawback
 * is `pending` until it is settled.
 */
export const LINE_OUTCOMES = [
  'matched',
  'returned',
  'recovered',
  'amount_mismatch',
  'unknown_reference',
  'already_settled',
  'needs_review',
  'duplicate',
  'invalid',
] as const;
export type LineOutcome = (typeof LINE_OUTCOMES)[number];

export interface StatementLineResult {
  lineNo: number;
  outcome: LineOutcome | 'pending';
  detail: string | null;
  transactionId: string | null;
  valueDate: string | null;
  direction: 'debit' | 'credit' | null;
  amountFen: number | null;
  reference: string | null;
  bankStatus: 'success' | 'returned' | 'failed' | null;
  /** The stored bank transaction (for a duplicate: the one stored first). */
  statementLineId: string | null;
  itemId: string | null;
  batchId: string | null;
  applicationId: string | null;
  receivableId: string | null;
  /** For `amount_mismatch`: what was expected. */
  expectedAmountFen: number | null;
  errors: FieldIssue[];
  /** The import of a corrected statement that took this line over (its own line settles it). */
  supersededBy: string | null;
  /** A hand match waiting for a second finance user's confirmation. */
  pendingProposal: {
    id: string;
    reference: string;
    proposedBy: string;
    /** The proposer's display name, so the second user sees who proposed. */
    proposedByName: string | null;
    comment: string;
  } | null;
  /** What resolves the line, if anything still has to (see LineAction). */
  action: LineAction | null;
}

/**
 * What a person does next about a line: `confirm_match` (a second finance user confirms or rejects the
 * pending hand match), `match_by_hand` (propose the payment or clawback it belongs to, or import the
 * bank's corrected statement), `fix_and_reimport` (an unreadable line), `enterprise_fixes_account` (a
 * returned payment: the enterprise corrects its bank account, then the grant is paid in a new batch).
 */
export const LINE_ACTIONS = [
  'confirm_match',
  'match_by_hand',
  'fix_and_reimport',
  'enterprise_fixes_account',
] as const;
export type LineAction = (typeof LINE_ACTIONS)[number];

function actionOf(outcome: string, supersededBy: string | null, proposal: boolean): LineAction | null {
  if (supersededBy) return null;
  if (proposal) return 'confirm_match';
  if (outcome === 'unknown_reference' || outcome === 'amount_mismatch' || outcome === 'needs_review') {
    return 'match_by_hand';
  }
  if (outcome === 'invalid') return 'fix_and_reimport';
  if (outcome === 'returned') return 'enterprise_fixes_account';
  return null;
}

export interface LineRange {
  /** The first line number to return (the header is line 1, so 2 is the first line). */
  fromLine: number;
  limit: number;
}

interface LineRow {
  line_no: number;
  outcome: LineOutcome | 'pending';
  detail: string | null;
  transaction_id: string | null;
  value_date: string | null;
  direction: 'debit' | 'credit' | null;
  amount_fen: string | null;
  reference: string | null;
  bank_status: 'success' | 'returned' | 'failed' | null;
  statement_line_id: string | null;
  item_id: string | null;
  batch_id: string | null;
  application_id: string | null;
  receivable_id: string | null;
  expected_amount_fen: string | null;
  errors: FieldIssue[] | null;
  superseded_by: string | null;
  proposal_id: string | null;
  proposal_reference: string | null;
  proposed_by: string | null;
  proposer_name: string | null;
  proposal_comment: string | null;
}

const fen = (text: string | null): number | null => (text === null ? null : Number(text));

/**
 * The outcome of the statement's lines from `fromLine` on, in file order: the bank transactions it
 * stored (with the payment's batch and grant, or the clawback's grant), the duplicates (with the
 * transaction stored first and that one's outcome) and the lines that could not be read. Imports made
 * before lines had rows of their own answer from their stored `results`.
 */
export async function readStatementLines(
  m: Pick<EntityManager, 'query'>,
  statement: Pick<BankStatementImportEntity, 'id' | 'zoneId' | 'results'>,
  range: LineRange,
): Promise<StatementLineResult[]> {
  if (statement.results) {
    // Stored before these fields existed: nothing was superseded or matched by hand then.
    return (statement.results as Omit<StatementLineResult, 'supersededBy' | 'pendingProposal' | 'action'>[])
      .filter((r) => r.lineNo >= range.fromLine)
      .slice(0, range.limit)
      .map((r) => ({ supersededBy: null, pendingProposal: null, action: null, ...r }));
  }
  const rows: LineRow[] = await m.query(
    `(SELECT l.line_no, l.outcome, l.detail, l.transaction_id, to_char(l.value_date, 'YYYY-MM-DD') AS value_date,
             l.direction, l.amount_fen::text AS amount_fen, l.reference, l.bank_status, l.id AS statement_line_id,
             l.item_id, i.batch_id, coalesce(i.application_id, r.application_id) AS application_id, l.receivable_id,
             l.expected_amount_fen::text AS expected_amount_fen, NULL::jsonb AS errors, l.superseded_by,
             p.id AS proposal_id, p.reference AS proposal_reference, p.proposed_by, pu.display_name AS proposer_name,
             p.comment AS proposal_comment
      FROM bank_statement_lines l
      LEFT JOIN disbursement_items i ON i.id = l.item_id
      LEFT JOIN clawback_receivables r ON r.id = l.receivable_id
      LEFT JOIN bank_line_match_proposals p ON p.statement_line_id = l.id AND p.state = 'pending'
      LEFT JOIN users pu ON pu.id = p.proposed_by
      WHERE l.import_id = $1 AND l.line_no >= $2
      ORDER BY l.line_no LIMIT $3)
     UNION ALL
     (SELECT s.line_no, s.kind,
             CASE WHEN s.kind = 'invalid' THEN 'the line could not be read'
                  ELSE 'bank transaction already imported (first outcome: ' || coalesce(f.outcome, 'unknown') || ')' END,
             s.transaction_id, to_char(s.value_date, 'YYYY-MM-DD'), s.direction, s.amount_fen::text, s.reference,
             s.bank_status, f.id, f.item_id, NULL, NULL, f.receivable_id, NULL, s.errors, NULL, NULL, NULL, NULL, NULL, NULL
      FROM bank_statement_skipped_lines s
      LEFT JOIN bank_statement_lines f ON f.zone_id = $4 AND f.dedupe_key = s.dedupe_key
      WHERE s.import_id = $1 AND s.line_no >= $2
      ORDER BY s.line_no LIMIT $3)
     ORDER BY line_no LIMIT $3`,
    [statement.id, range.fromLine, range.limit, statement.zoneId],
  );
  return rows.map((r) => ({
    lineNo: r.line_no,
    outcome: r.outcome,
    detail: r.detail,
    transactionId: r.transaction_id,
    valueDate: r.value_date,
    direction: r.direction,
    amountFen: fen(r.amount_fen),
    reference: r.reference,
    bankStatus: r.bank_status,
    statementLineId: r.statement_line_id,
    itemId: r.item_id,
    batchId: r.batch_id,
    applicationId: r.application_id,
    receivableId: r.receivable_id,
    expectedAmountFen: fen(r.expected_amount_fen),
    errors: r.errors ?? [],
    supersededBy: r.superseded_by,
    pendingProposal: r.proposal_id
      ? {
          id: r.proposal_id,
          reference: r.proposal_reference!,
          proposedBy: r.proposed_by!,
          proposedByName: r.proposer_name,
          comment: r.proposal_comment ?? '',
        }
      : null,
    action: actionOf(r.outcome, r.superseded_by, r.proposal_id !== null),
  }));
}
