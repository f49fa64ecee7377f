import { text } from '@huiqi/common';
import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { FactImportEntity, FactImportRowError } from '@huiqi/database';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '../audit/audit-hash';
import { AuditService } from '../audit/audit.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { factIdentity } from './fact-input';
import { FactToWrite, FactWriter } from './fact-writer.service';
import { checkFeedRow } from './feed-rows';

/** The audit stream of a zone's feed imports. */
export const factImportStream = (zoneId: string) => `fact-imports:${zoneId}`;

/** Row errors kept in a report; the counts are always exact. */
export const MAX_REPORTED_ERRORS = 1_000;

export interface FeedImportRequest {
  zoneId: string;
  importedBy: string;
  /** The importer's role, for the audit event. */
  importerRole: string;
  format: 'csv' | 'json' | 'xlsx';
  /** The feed's own name (e.g. `tax-bureau-2025-12`): importing it again replays this import. */
  feedRef: string | null;
  fileName: string | null;
  /** Raw rows, from JSON as sent or from CSV by `parseFeedCsv`. */
  rows: readonly unknown[];
}

export interface FeedImportResult {
  report: FactImportEntity;
  /** True when this feed had been imported before: nothing was written, the first report is returned. */
  replayed: boolean;
}

interface PendingRow {
  row: number;
  write: FactToWrite;
}

/**
 * Imports a data feed of enterprise facts. Bad rows are reported (row, field, message) and the good
 * rows written, all in one transaction: nothing of a feed is written unless its report is too.
 *
 * Idempotency, at two levels:
 * - the feed: its key is `ref:<feedRef>` when the caller names it, else `hash:<sha-256 of its rows>`.
 *   Once a feed was imported without rejected rows, importing it again replays that report and
 *   writes nothing. A feed with rejected rows may be sent again as it is (say, after the missing
 *   enterprise registered): it runs again, as a new import. The same feedRef with different content
 *   is a 409 (a corrected feed needs a new name).
 * - each row: a fact equal (value and source) to the enterprise's current one is `unchanged` and not
 *   written again, so a re-sent or overlapping feed adds versions only for what really changed.
 */
@Injectable()
export class FeedImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: FactWriter,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(request: FeedImportRequest): Promise<FeedImportResult> {
    const contentHash = createHash('sha256').update(canonicalJson(request.rows)).digest('hex');
    const dedupKey = request.feedRef !== null ? `ref:${request.feedRef}` : `hash:${contentHash}`;
    const earlier = await this.replayOf(this.dataSource.manager, request, dedupKey, contentHash);
    if (earlier) return earlier;

    const errors: FactImportRowError[] = [];
    const rejected = new Set<number>();
    const reject = (row: number, field: string, message: string) => {
      rejected.add(row);
      errors.push({ row, field, message });
    };
    const valid: { row: number; uscc: string; fact: FactToWrite['fact'] }[] = [];
    request.rows.forEach((raw, i) => {
      const checked = checkFeedRow(raw, this.config.idHashSecret);
      if (checked.ok) valid.push({ row: i + 1, uscc: checked.uscc, fact: checked.fact });
      else checked.issues.forEach((issue) => reject(i + 1, issue.path, issue.message));
    });

    const id = randomUUID();
    const outcome = await this.dataSource.transaction(async (m) => {
      const claimed: unknown[] = await m.query(
        `INSERT INTO fact_imports (id, zone_id, dedup_key, feed_ref, content_hash, format, file_name, row_count, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (zone_id, dedup_key) WHERE rejected_count = 0 DO NOTHING RETURNING id`,
        [
          id,
          request.zoneId,
          dedupKey,
          request.feedRef,
          contentHash,
          request.format,
          request.fileName,
          request.rows.length,
          request.importedBy,
        ],
      );
      // Imported cleanly by someone else meanwhile: theirs stands.
      if (claimed.length === 0) return null;
      if (request.feedRef !== null) await this.replayOf(m, request, dedupKey, contentHash);

      const enterprises = await this.enterprisesByUscc(m, request.zoneId, [
        ...new Set(valid.map((v) => v.uscc)),
      ]);
      const pending: PendingRow[] = [];
      const byIdentity = new Map<string, PendingRow>();
      let duplicates = 0;
      for (const v of valid) {
        const enterpriseId = enterprises.get(v.uscc);
        if (!enterpriseId) {
          reject(v.row, 'uscc', 'no enterprise with this uscc is registered in your zone');
          continue;
        }
        const identity = factIdentity(enterpriseId, v.fact);
        const first = byIdentity.get(identity);
        if (first) {
          if (
            canonicalJson([first.write.fact.value, first.write.fact.source]) ===
            canonicalJson([v.fact.value, v.fact.source])
          ) {
            duplicates += 1;
          } else {
            reject(
              v.row,
              'value',
              `row ${first.row} gives a different value for the same fact; send one value per fact`,
            );
          }
          continue;
        }
        const entry = { row: v.row, write: { enterpriseId, zoneId: request.zoneId, fact: v.fact } };
        byIdentity.set(identity, entry);
        pending.push(entry);
      }
      const outcomes = await this.writer.write(
        m,
        pending.map((p) => p.write),
        { recordedBy: request.importedBy, feedId: id },
      );
      const written = outcomes.filter((o) => o.status === 'written');
      errors.sort((a, b) => a.row - b.row);
      await m.query(
        `UPDATE fact_imports SET written_count = $2, unchanged_count = $3, duplicate_count = $4, rejected_count = $5,
           enterprise_count = $6, errors = $7::jsonb, errors_truncated = $8 WHERE id = $1`,
        [
          id,
          written.length,
          outcomes.length - written.length,
          duplicates,
          rejected.size,
          new Set(pending.filter((_, i) => outcomes[i].status === 'written').map((p) => p.write.enterpriseId))
            .size,
          JSON.stringify(errors.slice(0, MAX_REPORTED_ERRORS)),
          errors.length > MAX_REPORTED_ERRORS,
        ],
      );
      const report = await m.findOneByOrFail(FactImportEntity, { id });
      await this.audit.append(m, {
        stream: factImportStream(request.zoneId),
        zoneId: request.zoneId,
        enterpriseId: null,
        actorId: request.importedBy,
        actorRole: request.importerRole,
        action: 'facts.feed-imported',
        data: {
          importId: id,
          feedRef: report.feedRef,
          contentHash,
          rows: report.rowCount,
          written: report.writtenCount,
          unchanged: report.unchangedCount,
          rejected: report.rejectedCount,
        },
      });
      return report;
    });
    if (outcome) return { report: outcome, replayed: false };
    const theirs = await this.replayOf(this.dataSource.manager, request, dedupKey, contentHash);
    if (!theirs) throw new Error('feed import: a concurrent import claimed the key but is not visible');
    return theirs;
  }

  private async replayOf(
    m: EntityManager,
    request: FeedImportRequest,
    dedupKey: string,
    contentHash: string,
  ): Promise<FeedImportResult | null> {
    const earlier = await m.find(FactImportEntity, {
      where: { zoneId: request.zoneId, dedupKey },
      order: { createdAt: 'ASC' },
    });
    const different = earlier.find((e) => e.contentHash !== contentHash);
    if (different) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        text('error.feed-different-content', { ref: request.feedRef ?? '' }),
        { importId: different.id },
        [{ field: 'feedRef', messages: ['this feedRef was already used for different content'] }],
      );
    }
    const clean = earlier.find((e) => e.rejectedCount === 0);
    return clean ? { report: clean, replayed: true } : null;
  }

  private async enterprisesByUscc(
    m: EntityManager,
    zoneId: string,
    usccs: string[],
  ): Promise<Map<string, string>> {
    if (usccs.length === 0) return new Map();
    const rows: { id: string; uscc: string }[] = await m.query(
      `SELECT id, uscc FROM enterprises WHERE zone_id = $1 AND uscc = ANY($2::text[])`,
      [zoneId, usccs],
    );
    return new Map(rows.map((r) => [r.uscc, r.id]));
  }
}
