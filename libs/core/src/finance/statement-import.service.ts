import { BankStatementImportEntity, ClawbackReceivableEntity, DisbursementItemEntity } from '@huiqi/database';
import { QueueName } from '@huiqi/queues';
import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { updateReturning } from '../database/update-returning';
import { DomainError } from '../errors/domain-error';
import { OutboxService } from '../outbox/outbox.service';
import { ClawbackService } from './clawback.service';
import { actorUserId } from './finance-actor';
import { bankStatementStream } from './finance-streams';
import { fenToYuan } from './money';
import { PaymentSettlementService, WorkflowActor } from './payment-settlement.service';
import { LINE_OUTCOMES, LineOutcome, readStatementLines, StatementLineResult } from './statement-lines';
import { statementRows } from './statement-decode';
import {
  BankStatus,
  inspectStatementRows,
  parseStatementRows,
  StatementFormatError,
  StatementLine,
  StatementLineError,
} from './statement-parser';
import { lockZoneMoney } from './zone-money-lock';

export { LINE_OUTCOMES } from './statement-lines';
export type { LineOutcome, StatementLineResult } from './statement-lines';

/**
 * Statements of up to this many lines are reconciled in the request, in one transaction, and answered
 * with their report; larger ones are stored and imported by the worker (a few thousand payments could
 * otherwise hold a request, and the zone's money lock, for minutes).
 */
export const SYNC_MAX_LINES = 1_000;
/** Lines of the file stored per transaction of a background import (a few hundred ms each). */
export const LOAD_CHUNK_LINES = 20_000;
/**
 * Lines with a payment or clawback reference settled per transaction of a background import. The
 * confirmed payments of a chunk are settled set-based, in a few statements (well under 1 ms a line);
 * the transaction holds the zone's money lock throughout, and the fund pool's row only from the
 * chunk's journals to its commit, so approvals of the program wait well under a second.
 */
export const SETTLE_CHUNK_LINES = 1_000;

export interface StatementUpload {
  fileName: string;
  /** The file: text (JSON form) or the uploaded bytes (multipart: CSV in UTF-8 or GBK/GB18030, or XLSX). */
  content: string | Buffer;
}

/** A statement as the request leaves it: reconciled (`results`: every line) or queued (`results`: none yet). */
export type ImportedStatement = BankStatementImportEntity & { results: StatementLineResult[] };

/** A parsed file: its lines and unreadable lines in file order, and where each dedupe key first occurs. */
export interface StatementFile {
  entries: (StatementLine | StatementLineError)[];
  firstOfKey: Map<string, number>;
}

export type ImportStep = 'continue' | 'ready' | 'gone';

/** Lines per transaction of a background import (smaller in tests, to interrupt between them). */
export interface ChunkSizes {
  load: number;
  settle: number;
  /** Settle every line with a settlement of its own, as before set-based settlement (for comparison). */
  oneByOne?: boolean;
}

const DEFAULT_CHUNKS: ChunkSizes = { load: LOAD_CHUNK_LINES, settle: SETTLE_CHUNK_LINES };

export type Applied = { outcome: LineOutcome; detail: string | null; expectedAmountFen?: number };

/** A stored line waiting to be settled, as the settle step reads it. */
interface PendingLine {
  id: string;
  line_no: number;
  value_date: string;
  direction: 'debit' | 'credit';
  amount_fen: string;
  bank_status: BankStatus;
  bank_reason: string | null;
  item_id: string | null;
  receivable_id: string | null;
}

/** A chunk's lines as decided, and the batches their payments belong to. */
interface Settled {
  decided: { id: string; applied: Applied }[];
  touchedBatches: Set<string>;
}

function settleLineOf(row: PendingLine): SettleLine {
  return {
    statementLineId: row.id,
    valueDate: row.value_date,
    direction: row.direction,
    amountFen: Number(row.amount_fen),
    status: row.bank_status,
    reason: row.bank_reason,
  };
}

export type SettleLine = {
  statementLineId: string;
  valueDate: string;
  direction: 'debit' | 'credit';
  amountFen: number;
  status: BankStatus;
  reason: string | null;
};

/** Deadlock, serialization failure, and a lock not granted within lock_timeout (e.g. the zone's money lock held by a long import in the request). */
const RETRYABLE = new Set(['40P01', '40001', '55P03']);

/**
 * Imports a bank statement. Every line is stored once per zone under its dedupe key and matched by
 * payment reference and amount, set-based:
 * 1. load: the file's lines go into `bank_statement_lines` in multi-row statements (ON CONFLICT on the
 *    zone's dedupe key: a transaction already imported is a duplicate), matched in the same statement
 *    against the zone's payments and clawback notices by reference; lines with no known reference are
 *    `unknown_reference` at once; duplicates and unreadable lines are recorded in
 *    `bank_statement_skipped_lines`;
 * 2. settle: only the lines whose reference is a payment or a clawback are then decided, in file
 *    order, under row locks (matched → the grant is paid and the ledger spends it; returned;
 *    recovered; or, with no money moving, amount_mismatch / already_settled / needs_review); the
 *    confirmed payments of a chunk are settled set-based (see `settle`), returns and clawback
 *    repayments one by one;
 * 3. finish: counts per outcome and the audit event.
 * A small statement runs all three in the request's one transaction. A large one is stored and queued:
 * the worker runs the steps in transactions of LOAD_CHUNK_LINES and SETTLE_CHUNK_LINES lines, each
 * advancing the import's progress in the same transaction, so a crash resumes after the last one
 * committed and running the job again changes nothing. Every transaction that touches the zone's
 * money takes its money lock first (see lockZoneMoney).
 */
@Injectable()
export class StatementImportService {
  private readonly logger = new Logger(StatementImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly settlement: PaymentSettlementService,
    private readonly clawbacks: ClawbackService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Reads the file (a file that cannot be read at all is a 400 on `field`) and stores it: reconciled
   * now when it has at most SYNC_MAX_LINES lines, otherwise queued for the worker.
   */
  async import(
    zoneId: string,
    upload: StatementUpload,
    actor: WorkflowActor,
    field: 'content' | 'file' = 'content',
  ): Promise<ImportedStatement> {
    const bytes = typeof upload.content === 'string' ? Buffer.from(upload.content, 'utf8') : upload.content;
    const rows = await rowsOf(upload.content, field);
    // A large file is only checked here (its lines are read by the worker); a small one is read now.
    const { lineCount } = asFieldError(field, () => inspectStatementRows(rows));
    const background = lineCount > SYNC_MAX_LINES;
    const file = background ? null : readStatementFile(rows, field);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.dataSource.transaction(async (m) => {
      await lockZoneMoney(m, zoneId);
      const created: { id: string }[] = await m.query(
        `INSERT INTO bank_statement_imports (zone_id, file_name, content_sha256, line_count, counts, results,
           imported_by, status, started_at)
         VALUES ($1, $2, $3, $4, '{}'::jsonb, NULL, $5, $6, CASE WHEN $6 = 'running' THEN now() END) RETURNING id`,
        [zoneId, upload.fileName, sha256, lineCount, actorUserId(actor), background ? 'queued' : 'running'],
      );
      const importId = created[0].id;
      await m.query(`INSERT INTO bank_statement_files (import_id, content) VALUES ($1, $2)`, [
        importId,
        bytes,
      ]);
      if (!file) {
        await this.audit.append(m, {
          stream: bankStatementStream(zoneId),
          zoneId,
          enterpriseId: null,
          actorId: actorUserId(actor),
          actorRole: actor.role,
          action: 'bank-statement.received',
          data: { importId, fileName: upload.fileName, sha256, lineCount },
        });
        await this.outbox.enqueue(m, [
          {
            queue: QueueName.StatementImports,
            jobName: 'import',
            payload: { importId },
            dedupKey: `statement-import:${importId}`,
          },
        ]);
        return { ...(await m.findOneByOrFail(BankStatementImportEntity, { id: importId })), results: [] };
      }
      const statement = { id: importId, zoneId };
      for (let from = 0; from < file.entries.length; from += LOAD_CHUNK_LINES) {
        await this.load(m, statement, file, from, LOAD_CHUNK_LINES);
      }
      while ((await this.settle(m, statement, actor, SETTLE_CHUNK_LINES)) > 0);
      const done = await this.finish(m, importId, actor);
      const results = await readStatementLines(m, done, { fromLine: 1, limit: SYNC_MAX_LINES + 1 });
      return { ...done, results };
    });
  }

  /**
   * One transaction of a background import: the next `chunks.load` lines of the file, or the next
   * `chunks.settle` lines to settle. `ready` when everything is settled (then `finish`), `gone` when
   * the import is completed or does not exist. `file` is asked for only while lines remain to be loaded.
   */
  async step(
    importId: string,
    file: () => Promise<StatementFile>,
    chunks: ChunkSizes = DEFAULT_CHUNKS,
  ): Promise<ImportStep> {
    return this.withRetry(() =>
      this.dataSource.transaction(async (m) => {
        const statement = await this.lockForStep(m, importId);
        if (!statement) return 'gone';
        if (statement.linesLoaded < statement.lineCount) {
          const stored = await file();
          if (stored.entries.length !== statement.lineCount) {
            throw new Error(
              `bank statement ${importId}: its file reads as ${stored.entries.length} lines, not ${statement.lineCount}`,
            );
          }
          await this.load(m, statement, stored, statement.linesLoaded, chunks.load);
          return 'continue';
        }
        const settled = await this.settle(
          m,
          statement,
          importerOf(statement),
          chunks.settle,
          chunks.oneByOne,
        );
        return settled > 0 ? 'continue' : 'ready';
      }),
    );
  }

  /** Reads a stored statement file (the worker, before loading it). */
  async readFile(importId: string): Promise<StatementFile> {
    const rows: { content: Buffer }[] = await this.dataSource.query(
      `SELECT content FROM bank_statement_files WHERE import_id = $1`,
      [importId],
    );
    if (rows.length === 0) throw new Error(`bank statement ${importId} has no stored file`);
    return readStatementFile(await rowsOf(rows[0].content, 'file'), 'file');
  }

  /** The import as its runner needs it (null when it does not exist). */
  async find(importId: string): Promise<BankStatementImportEntity | null> {
    return this.dataSource.getRepository(BankStatementImportEntity).findOneBy({ id: importId });
  }

  /**
   * Completes an import whose lines are all settled: the number of lines per outcome and the audit
   * event. Does nothing for an import already completed.
   */
  async finish(
    m: EntityManager,
    importId: string,
    actor?: WorkflowActor,
  ): Promise<BankStatementImportEntity> {
    const statement = await m.findOne(BankStatementImportEntity, {
      where: { id: importId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!statement) throw DomainError.notFound('bankStatement');
    if (statement.status === 'completed') return statement;
    if (statement.linesLoaded < statement.lineCount) {
      throw new Error(
        `bank statement ${importId} is not loaded yet (${statement.linesLoaded}/${statement.lineCount})`,
      );
    }
    const by = actor ?? importerOf(statement);
    const rows: { outcome: string; n: number }[] = await m.query(
      `SELECT outcome, count(*)::int AS n FROM bank_statement_lines WHERE import_id = $1 GROUP BY outcome
       UNION ALL
       SELECT kind, count(*)::int FROM bank_statement_skipped_lines WHERE import_id = $1 GROUP BY kind`,
      [importId],
    );
    const pending = rows.find((r) => r.outcome === 'pending');
    if (pending) throw new Error(`bank statement ${importId} still has ${pending.n} lines to settle`);
    const counts: Record<string, number> = Object.fromEntries(LINE_OUTCOMES.map((o) => [o, 0]));
    for (const r of rows) counts[r.outcome] = (counts[r.outcome] ?? 0) + r.n;
    const batches: { batch_id: string }[] = await m.query(
      `SELECT i.batch_id FROM bank_statement_lines l JOIN disbursement_items i ON i.id = l.item_id
       WHERE l.import_id = $1 GROUP BY i.batch_id ORDER BY min(l.line_no)`,
      [importId],
    );
    await m.query(
      `UPDATE bank_statement_imports SET status = 'completed', counts = $2, error = NULL,
         started_at = coalesce(started_at, now()), finished_at = now()
       WHERE id = $1`,
      [importId, JSON.stringify(counts)],
    );
    await this.audit.append(m, {
      stream: bankStatementStream(statement.zoneId),
      zoneId: statement.zoneId,
      enterpriseId: null,
      actorId: actorUserId(by),
      actorRole: by.role,
      action: 'bank-statement.imported',
      data: {
        importId,
        fileName: statement.fileName,
        sha256: statement.contentSha256,
        counts,
        batches: batches.map((b) => b.batch_id),
      },
    });
    return m.findOneByOrFail(BankStatementImportEntity, { id: importId });
  }

  /**
   * A background import whose job failed for good: marked failed with the reason. What it committed
   * stays; when its job is retried it resumes from there.
   */
  async fail(importId: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE bank_statement_imports SET status = 'failed', error = $2 WHERE id = $1 AND status <> 'completed'`,
      [importId, error.slice(0, 2000)],
    );
  }

  /**
   * Stores the file's entries [from, from + size): new bank transactions in one statement
   * (deduplicated on the zone's key, matched by reference to the zone's payments and clawback notices,
   * `unknown_reference` when neither has it), then the duplicates and unreadable lines.
   */
  private async load(
    m: EntityManager,
    statement: { id: string; zoneId: string },
    file: StatementFile,
    from: number,
    size: number,
  ): Promise<void> {
    const to = Math.min(from + size, file.entries.length);
    const fresh: StatementLine[] = [];
    const skipped: { entry: StatementLine | StatementLineError; kind: 'duplicate' | 'invalid' }[] = [];
    for (let i = from; i < to; i++) {
      const entry = file.entries[i];
      if ('errors' in entry) skipped.push({ entry, kind: 'invalid' });
      else if (file.firstOfKey.get(entry.dedupeKey) !== i) skipped.push({ entry, kind: 'duplicate' });
      else fresh.push(entry);
    }
    let toSettle = 0;
    if (fresh.length > 0) {
      await this.supersedeUnresolved(m, statement, fresh);
      const stored: { line_no: number; outcome: string }[] = await m.query(
        `INSERT INTO bank_statement_lines (zone_id, import_id, line_no, dedupe_key, transaction_id, value_date,
           direction, amount_fen, reference, bank_status, counterparty_name, counterparty_account, bank_reason,
           outcome, detail, item_id, receivable_id)
         SELECT $1::uuid, $2::uuid, u.line_no, u.dedupe_key, u.transaction_id, u.value_date, u.direction,
                u.amount_fen, coalesce(i.payment_reference, r.reference, u.reference), u.bank_status,
                u.counterparty_name, u.counterparty_account, u.bank_reason,
                CASE WHEN i.id IS NULL AND r.id IS NULL THEN 'unknown_reference' ELSE 'pending' END,
                CASE WHEN i.id IS NOT NULL OR r.id IS NOT NULL THEN NULL
                     WHEN u.reference IS NULL AND u.candidates IS NULL THEN 'the line carries no payment reference'
                     ELSE 'no payment or clawback of this zone has the reference '
                          || coalesce(replace(u.candidates, E'\\x1f', ', '), u.reference) END,
                i.id, CASE WHEN i.id IS NULL THEN r.id END
         FROM unnest($3::int[], $4::text[], $5::text[], $6::date[], $7::text[], $8::bigint[], $9::text[],
                     $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
              AS u (line_no, dedupe_key, transaction_id, value_date, direction, amount_fen, reference, bank_status,
                    counterparty_name, counterparty_account, bank_reason, candidates)
         -- Candidates in the order the parser found them: the reference column first, then free text.
         LEFT JOIN LATERAL (
           SELECT d.id, d.payment_reference
           FROM unnest(string_to_array(u.candidates, E'\\x1f')) WITH ORDINALITY AS c (ref, n)
           JOIN disbursement_items d ON d.payment_reference = c.ref AND d.zone_id = $1::uuid
           ORDER BY c.n LIMIT 1) i ON true
         LEFT JOIN LATERAL (
           SELECT k.id, k.reference
           FROM unnest(string_to_array(u.candidates, E'\\x1f')) WITH ORDINALITY AS c (ref, n)
           JOIN clawback_receivables k ON k.reference = c.ref AND k.zone_id = $1::uuid
           ORDER BY c.n LIMIT 1) r ON i.id IS NULL
         ON CONFLICT (zone_id, dedupe_key) DO NOTHING
         RETURNING line_no, outcome`,
        [
          statement.zoneId,
          statement.id,
          fresh.map((l) => l.lineNo),
          fresh.map((l) => l.dedupeKey),
          fresh.map((l) => l.transactionId),
          fresh.map((l) => l.valueDate),
          fresh.map((l) => l.direction),
          fresh.map((l) => String(l.amountFen)),
          fresh.map((l) => l.reference),
          fresh.map((l) => l.status),
          fresh.map((l) => l.counterpartyName),
          fresh.map((l) => l.counterpartyAccount),
          fresh.map((l) => l.reason),
          fresh.map((l) => (l.candidates.length > 0 ? l.candidates.join('\u001f') : null)),
        ],
      );
      const storedLines = new Set<number>();
      for (const row of stored) {
        storedLines.add(row.line_no);
        if (row.outcome === 'pending') toSettle += 1;
      }
      // Not stored: the zone already has this bank transaction, from an earlier import.
      for (const line of fresh)
        if (!storedLines.has(line.lineNo)) skipped.push({ entry: line, kind: 'duplicate' });
    }
    if (skipped.length > 0) {
      const line = (e: StatementLine | StatementLineError) => ('errors' in e ? null : e);
      await m.query(
        `INSERT INTO bank_statement_skipped_lines (import_id, line_no, kind, dedupe_key, transaction_id, value_date,
           direction, amount_fen, reference, bank_status, errors)
         SELECT $1, u.line_no, u.kind, u.dedupe_key, u.transaction_id, u.value_date, u.direction, u.amount_fen,
                u.reference, u.bank_status, u.errors::jsonb
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::bigint[],
                     $9::text[], $10::text[], $11::text[])
              AS u (line_no, kind, dedupe_key, transaction_id, value_date, direction, amount_fen, reference,
                    bank_status, errors)`,
        [
          statement.id,
          skipped.map((s) => s.entry.lineNo),
          skipped.map((s) => s.kind),
          skipped.map((s) => line(s.entry)?.dedupeKey ?? null),
          skipped.map((s) => line(s.entry)?.transactionId ?? null),
          skipped.map((s) => line(s.entry)?.valueDate ?? null),
          skipped.map((s) => line(s.entry)?.direction ?? null),
          skipped.map((s) => {
            const l = line(s.entry);
            return l ? String(l.amountFen) : null;
          }),
          skipped.map((s) => line(s.entry)?.reference ?? null),
          skipped.map((s) => line(s.entry)?.status ?? null),
          skipped.map((s) => ('errors' in s.entry ? JSON.stringify(s.entry.errors) : '[]')),
        ],
      );
    }
    await m.query(
      `UPDATE bank_statement_imports SET lines_loaded = $2, lines_to_settle = lines_to_settle + $3 WHERE id = $1`,
      [statement.id, to, toSettle],
    );
  }

  /**
   * A corrected statement brings again bank transactions whose first line was left unresolved (no
   * money moved) and that now quote a payment or clawback of the zone: a line whose reference was
   * unknown, or a mismatched or reviewed line the bank corrected (amount, direction, status or date).
   * Those first lines are set aside
   * (their dedupe key moves out of the way, `superseded_by` names this import, pending hand matches
   * on them are void) so that the new lines are stored and settled. Lines that settled money keep
   * their key, and the new line is a duplicate as before.
   */
  private async supersedeUnresolved(
    m: EntityManager,
    statement: { id: string; zoneId: string },
    fresh: StatementLine[],
  ): Promise<void> {
    // Only lines that quote a payment or clawback of the zone now: the account's other traffic, sent
    // again, stays a duplicate. Two index lookups: the unresolved first lines, then their candidates.
    const quoting = new Map(fresh.filter((l) => l.candidates.length > 0).map((l) => [l.dedupeKey, l]));
    if (quoting.size === 0) return;
    const unresolved: {
      id: string;
      dedupe_key: string;
      outcome: string;
      amount_fen: string;
      direction: string;
      bank_status: string;
      value_date: string;
    }[] = await m.query(
      `SELECT id, dedupe_key, outcome, amount_fen::text AS amount_fen, direction, bank_status,
              to_char(value_date, 'YYYY-MM-DD') AS value_date
       FROM bank_statement_lines
       WHERE zone_id = $1 AND dedupe_key = ANY($2::text[])
         AND outcome IN ('unknown_reference', 'amount_mismatch', 'needs_review')`,
      [statement.zoneId, [...quoting.keys()]],
    );
    const corrected = unresolved.filter((old) => {
      if (old.outcome === 'unknown_reference') return true;
      const line = quoting.get(old.dedupe_key)!;
      return (
        old.amount_fen !== String(line.amountFen) ||
        old.direction !== line.direction ||
        old.bank_status !== line.status ||
        old.value_date !== line.valueDate
      );
    });
    if (corrected.length === 0) return;
    const candidates = [...new Set(corrected.flatMap((old) => quoting.get(old.dedupe_key)!.candidates))];
    const known: { ref: string }[] = await m.query(
      `SELECT payment_reference AS ref FROM disbursement_items WHERE zone_id = $1 AND payment_reference = ANY($2::text[])
       UNION
       SELECT reference FROM clawback_receivables WHERE zone_id = $1 AND reference = ANY($2::text[])`,
      [statement.zoneId, candidates],
    );
    const knownRefs = new Set(known.map((k) => k.ref));
    const superseded = corrected
      .filter((old) => quoting.get(old.dedupe_key)!.candidates.some((c) => knownRefs.has(c)))
      .map((old) => old.id);
    if (superseded.length === 0) return;
    await m.query(
      `UPDATE bank_line_match_proposals SET state = 'void', decided_at = now(),
         decision_comment = 'the line was superseded by a corrected statement'
       WHERE statement_line_id = ANY($1::uuid[]) AND state = 'pending'`,
      [superseded],
    );
    await m.query(
      `UPDATE bank_statement_lines SET dedupe_key = dedupe_key || '#superseded:' || $2::uuid::text,
         superseded_by = $2::uuid
       WHERE id = ANY($1::uuid[])`,
      [superseded, statement.id],
    );
  }

  /**
   * Settles the next `limit` lines of the statement still `pending`, in file order: their
   * payments are locked once and each line is decided against the payment as the lines before it left
   * it. Set-based (the default): the confirmed payments whose grants can be paid together
   * (`PaymentSettlementService.planPaidMany`) are settled at the end in a few statements for the whole
   * chunk; returns (退汇), clawback repayments and payments that keep back an offset are rare and run
   * the one-by-one settlement in their turn. If the set-based write is refused (a grant or payment
   * changed under it), the chunk's work is taken back and the chunk is settled one by one. One by one
   * (`oneByOne`, kept for comparison): every line that moves money runs the settlement under a savepoint
   * of its own; a settlement the ledger or the workflow refuses leaves the line `needs_review` with the
   * reason and changes nothing. Returns the number of lines settled (0: none left).
   */
  private async settle(
    m: EntityManager,
    statement: { id: string; zoneId: string },
    actor: WorkflowActor,
    limit: number,
    oneByOne = false,
  ): Promise<number> {
    const pending: PendingLine[] = await m.query(
      `SELECT id, line_no, to_char(value_date, 'YYYY-MM-DD') AS value_date, direction, amount_fen::text AS amount_fen,
              bank_status, bank_reason, item_id, receivable_id
       FROM bank_statement_lines WHERE import_id = $1 AND outcome = 'pending'
       ORDER BY line_no LIMIT $2`,
      [statement.id, limit],
    );
    if (pending.length === 0) return 0;
    let settled: Settled | null = null;
    const submittedOn = await this.submittedOnOf(m, pending);
    if (!oneByOne) {
      const items = await this.lockItems(m, pending);
      await m.query('SAVEPOINT settle_set');
      try {
        settled = await this.settleSetBased(m, pending, items, submittedOn, actor);
        await m.query('RELEASE SAVEPOINT settle_set');
      } catch (error) {
        if (refusalOf(error) === null) throw error;
        await m.query('ROLLBACK TO SAVEPOINT settle_set');
        this.logger.warn(
          { err: error },
          'set-based settlement refused; settling the chunk one line at a time',
        );
      }
    }
    settled ??= await this.settleOneByOne(m, pending, await this.lockItems(m, pending), submittedOn, actor);
    const { decided, touchedBatches } = settled;
    await m.query(
      `UPDATE bank_statement_lines l SET outcome = u.outcome, detail = u.detail, expected_amount_fen = u.expected
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[]) AS u (id, outcome, detail, expected)
       WHERE l.id = u.id AND l.outcome = 'pending'`,
      [
        decided.map((d) => d.id),
        decided.map((d) => d.applied.outcome),
        decided.map((d) => d.applied.detail),
        decided.map((d) =>
          d.applied.expectedAmountFen === undefined ? null : String(d.applied.expectedAmountFen),
        ),
      ],
    );
    for (const batchId of touchedBatches) await this.settlement.closeBatchIfDone(m, batchId);
    await m.query(`UPDATE bank_statement_imports SET lines_settled = lines_settled + $2 WHERE id = $1`, [
      statement.id,
      pending.length,
    ]);
    return pending.length;
  }

  /** The payments the lines quote, locked (in id order) and read as they are now. */
  private async lockItems(
    m: EntityManager,
    pending: PendingLine[],
  ): Promise<Map<string, DisbursementItemEntity>> {
    const itemIds = [
      ...new Set(pending.map((p) => p.item_id).filter((id): id is string => id !== null)),
    ].sort();
    if (itemIds.length === 0) return new Map();
    const items = await m.find(DisbursementItemEntity, {
      where: { id: In(itemIds) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    return new Map(items.map((item) => [item.id, item]));
  }

  /**
   * The Beijing date each quoted payment's case was submitted (an auto-granted case: created). A bank
   * cannot have paid a grant before its case existed, so a line dated earlier goes to review.
   */
  private async submittedOnOf(m: EntityManager, pending: PendingLine[]): Promise<Map<string, string>> {
    const itemIds = [...new Set(pending.map((p) => p.item_id).filter((id): id is string => id !== null))];
    if (itemIds.length === 0) return new Map();
    const rows: { id: string; submitted_on: string }[] = await m.query(
      `SELECT i.id, to_char(coalesce(a.submitted_at, a.created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS submitted_on
       FROM disbursement_items i JOIN applications a ON a.id = i.application_id
       WHERE i.id = ANY($1::uuid[])`,
      [itemIds],
    );
    return new Map(rows.map((r) => [r.id, r.submitted_on]));
  }

  private async settleOneByOne(
    m: EntityManager,
    pending: PendingLine[],
    items: Map<string, DisbursementItemEntity>,
    submittedOn: Map<string, string>,
    actor: WorkflowActor,
  ): Promise<Settled> {
    const decided: Settled['decided'] = [];
    const touchedBatches = new Set<string>();
    for (const row of pending) {
      const line = settleLineOf(row);
      const item = row.item_id ? items.get(row.item_id) : undefined;
      if (item) {
        touchedBatches.add(item.batchId);
        decided.push({
          id: row.id,
          applied: await this.applyToPayment(m, line, item, actor, submittedOn.get(item.id)),
        });
      } else if (row.receivable_id) {
        decided.push({ id: row.id, applied: await this.applyToClawback(m, line, row.receivable_id, actor) });
      } else {
        throw new Error(`statement line ${row.id} is pending without a payment or clawback`);
      }
    }
    return { decided, touchedBatches };
  }

  /**
   * The chunk decided line by line as `settleOneByOne` does, but the confirmed payments that can be
   * settled together are only collected, and settled in one set at the end. Throws (for the caller's
   * savepoint) when the set is refused.
   */
  private async settleSetBased(
    m: EntityManager,
    pending: PendingLine[],
    items: Map<string, DisbursementItemEntity>,
    submittedOn: Map<string, string>,
    actor: WorkflowActor,
  ): Promise<Settled> {
    const awaiting = [...items.values()].filter((item) => item.state === 'awaiting_bank');
    const { planned } = await this.settlement.planPaidMany(m, awaiting, actor);
    const together: Parameters<PaymentSettlementService['settlePaidMany']>[1] = [];
    const decided: Settled['decided'] = [];
    const touchedBatches = new Set<string>();
    for (const row of pending) {
      const line = settleLineOf(row);
      const item = row.item_id ? items.get(row.item_id) : undefined;
      if (item) {
        touchedBatches.add(item.batchId);
        const decision = decidePayment(line, item, submittedOn.get(item.id));
        const plan = planned.get(item.id);
        if ('move' in decision && decision.move === 'paid' && plan) {
          together.push({ item, plan, bank: { statementLineId: row.id, valueDate: row.value_date } });
          item.state = 'paid';
          decided.push({ id: row.id, applied: { outcome: 'matched', detail: null } });
        } else {
          decided.push({
            id: row.id,
            applied: await this.applyToPayment(m, line, item, actor, submittedOn.get(item.id)),
          });
        }
      } else if (row.receivable_id) {
        decided.push({ id: row.id, applied: await this.applyToClawback(m, line, row.receivable_id, actor) });
      } else {
        throw new Error(`statement line ${row.id} is pending without a payment or clawback`);
      }
    }
    await this.settlement.settlePaidMany(m, together, actor);
    return { decided, touchedBatches };
  }

  /**
   * A line quoting a payment's reference; `item` is locked and reflects the lines before this one.
   * `submittedOn`: the case's submission date, for an imported line (a hand match confirmed under four
   * eyes has been looked at by two people and passes none).
   */
  async applyToPayment(
    m: EntityManager,
    line: SettleLine,
    item: DisbursementItemEntity,
    actor: WorkflowActor,
    submittedOn?: string,
  ): Promise<Applied> {
    const decision = decidePayment(line, item, submittedOn);
    if ('outcome' in decision) return decision;
    const bank = { statementLineId: line.statementLineId, valueDate: line.valueDate };
    if (decision.move === 'paid') {
      const refused = await this.isolated(m, () => this.settlement.settlePaid(m, item, bank, actor));
      if (refused) return { outcome: 'needs_review', detail: `the payment could not be settled: ${refused}` };
      item.state = 'paid';
      return { outcome: 'matched', detail: null };
    }
    const reason = decision.reason;
    const refused = await this.isolated(m, () =>
      this.settlement.settleReturned(m, item, reason, bank, actor),
    );
    if (refused) return { outcome: 'needs_review', detail: `the return could not be recorded: ${refused}` };
    item.state = 'returned';
    return { outcome: 'returned', detail: reason };
  }

  /** A line quoting a clawback demand notice (read fresh: a payment's offset may have recovered part of it). */
  async applyToClawback(
    m: EntityManager,
    line: SettleLine,
    receivableId: string,
    actor: WorkflowActor,
  ): Promise<Applied> {
    const receivable = await m.findOneOrFail(ClawbackReceivableEntity, {
      where: { id: receivableId },
      lock: { mode: 'pessimistic_write' },
    });
    if (line.direction !== 'credit' || line.status !== 'success') {
      return { outcome: 'needs_review', detail: 'a clawback reference on a line that is not money received' };
    }
    const outstanding = receivable.amountFen - receivable.recoveredFen;
    if (receivable.state === 'settled') {
      return {
        outcome: 'already_settled',
        detail: `clawback ${receivable.reference} is already fully recovered`,
      };
    }
    if (line.amountFen > outstanding) {
      return {
        outcome: 'amount_mismatch',
        expectedAmountFen: outstanding,
        detail: `${fenToYuan(line.amountFen)} yuan exceeds the ${fenToYuan(outstanding)} yuan still owed on ${receivable.reference}`,
      };
    }
    let left = 0;
    const refused = await this.isolated(m, async () => {
      const recovered = await this.clawbacks.recover(m, {
        receivableId: receivable.id,
        amountFen: line.amountFen,
        statementLineId: line.statementLineId,
        actor,
      });
      await this.settlement.settleClawbackIfRecovered(m, recovered, actor);
      left = recovered.amountFen - recovered.recoveredFen;
    });
    if (refused)
      return { outcome: 'needs_review', detail: `the repayment could not be recorded: ${refused}` };
    return {
      outcome: 'recovered',
      detail: left === 0 ? 'clawback fully recovered' : `${fenToYuan(left)} yuan still owed`,
    };
  }

  /**
   * Runs one line's money work under a savepoint. A refusal (a domain rule, or a constraint such as
   * the one-payment-per-grant index) rolls back that line's work only and is returned as the reason;
   * anything else (a lost connection, a deadlock) fails the whole transaction as usual.
   */
  private async isolated(m: EntityManager, work: () => Promise<unknown>): Promise<string | null> {
    await m.query('SAVEPOINT statement_line');
    try {
      await work();
    } catch (error) {
      const reason = refusalOf(error);
      if (reason === null) throw error;
      await m.query('ROLLBACK TO SAVEPOINT statement_line');
      this.logger.warn({ err: error }, 'statement line refused by a money rule; left for review');
      return reason;
    }
    await m.query('RELEASE SAVEPOINT statement_line');
    return null;
  }

  /** Takes the zone's money lock, then the import's row; marks it running. Null when it is done or gone. */
  private async lockForStep(m: EntityManager, importId: string): Promise<BankStatementImportEntity | null> {
    const head: { zone_id: string }[] = await m.query(
      `SELECT zone_id FROM bank_statement_imports WHERE id = $1`,
      [importId],
    );
    if (head.length === 0) return null;
    await lockZoneMoney(m, head[0].zone_id);
    const statement = await m.findOne(BankStatementImportEntity, {
      where: { id: importId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!statement || statement.status === 'completed') return null;
    if (statement.status !== 'running') {
      await updateReturning(
        m,
        `UPDATE bank_statement_imports SET status = 'running', error = NULL, started_at = coalesce(started_at, now())
         WHERE id = $1 RETURNING id`,
        [importId],
      );
    }
    return statement;
  }

  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const code = (error as { driverError?: { code?: string } }).driverError?.code;
        if (attempt >= 5 || !code || !RETRYABLE.has(code)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
  }
}

/**
 * What a line quoting a payment does to it, decided against the item as the lines before it left it:
 * an outcome that moves no money, or the move to make (paid; returned with the bank's reason).
 */
export function decidePayment(
  line: SettleLine,
  item: Pick<DisbursementItemEntity, 'state' | 'paymentReference' | 'transferFen'>,
  submittedOn?: string,
): Applied | { move: 'paid' } | { move: 'returned'; reason: string } {
  const paidOut = line.direction === 'debit' && line.status === 'success';
  // A return shows either as the payment line marked returned/failed, or as money coming back (退汇).
  const cameBack =
    (line.direction === 'debit' && line.status !== 'success') ||
    (line.direction === 'credit' && line.status === 'success');
  if (!paidOut && !cameBack) {
    return { outcome: 'needs_review', detail: 'a credit marked returned or failed against a payment' };
  }
  if (item.state !== 'awaiting_bank') {
    if (item.state === 'paid' && cameBack) {
      return {
        outcome: 'needs_review',
        detail: `money came back for ${item.paymentReference}, which is already paid: contact the bank, or open a clawback`,
      };
    }
    if (item.state === 'paid' || item.state === 'returned') {
      return {
        outcome: 'already_settled',
        detail: `payment ${item.paymentReference} is already ${item.state}`,
      };
    }
    return {
      outcome: 'needs_review',
      detail: `payment ${item.paymentReference} was ${item.state === 'draft' ? 'never sent' : item.state} but the bank reports it`,
    };
  }
  if (submittedOn !== undefined && line.valueDate < submittedOn) {
    return {
      outcome: 'needs_review',
      detail: `the bank dates this line ${line.valueDate}, before the case of ${item.paymentReference} was submitted on ${submittedOn}`,
    };
  }
  if (line.amountFen !== item.transferFen) {
    return {
      outcome: 'amount_mismatch',
      expectedAmountFen: item.transferFen,
      detail: `expected ${fenToYuan(item.transferFen)} yuan for ${item.paymentReference}, the bank reports ${fenToYuan(line.amountFen)}`,
    };
  }
  if (paidOut) return { move: 'paid' };
  return {
    move: 'returned',
    reason:
      line.reason ??
      (line.status === 'failed' ? 'payment failed at the bank' : 'payment returned by the bank'),
  };
}

/** The finance user who uploaded the statement acts in the background too (the system if unknown). */
function importerOf(statement: Pick<BankStatementImportEntity, 'importedBy'>): WorkflowActor {
  return statement.importedBy
    ? { userId: statement.importedBy, role: 'finance' }
    : { userId: 'system', role: 'system' };
}

function refusalOf(error: unknown): string | null {
  if (error instanceof DomainError) return error.message;
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: string }).code ?? '';
    // Class 23: integrity constraint violations (unique payment journal, balance checks).
    if (code.startsWith('23')) return error.message;
  }
  return null;
}

/** A file the parser cannot read at all is a 400 on the field that carried it. */
function asFieldError<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof StatementFormatError) throw DomainError.invalid(field, error.message);
    throw error;
  }
}

/** The rows of a statement file (CSV in any encoding banks use, or XLSX); unreadable is a 400 on `field`. */
async function rowsOf(content: string | Buffer, field: string): Promise<string[][]> {
  try {
    return await statementRows(content);
  } catch (error) {
    if (error instanceof StatementFormatError) throw DomainError.invalid(field, error.message);
    throw error;
  }
}

/** Parses a statement file into entries in file order; a file that cannot be read is a 400 on `field`. */
export function readStatementFile(rows: string[][], field: string): StatementFile {
  const parsed = asFieldError(field, () => parseStatementRows(rows));
  const entries: (StatementLine | StatementLineError)[] = [];
  let i = 0;
  let j = 0;
  while (i < parsed.lines.length || j < parsed.errors.length) {
    if (
      j >= parsed.errors.length ||
      (i < parsed.lines.length && parsed.lines[i].lineNo < parsed.errors[j].lineNo)
    ) {
      entries.push(parsed.lines[i++]);
    } else {
      entries.push(parsed.errors[j++]);
    }
  }
  const firstOfKey = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (!('errors' in entry) && !firstOfKey.has(entry.dedupeKey)) firstOfKey.set(entry.dedupeKey, index);
  });
  return { entries, firstOfKey };
}
