import { text as message } from '@huiqi/common';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { FeedFormatError, parseFeedCsv, parseFeedXlsx } from '@huiqi/core/facts/feed-csv';
import { isZip } from '@huiqi/core/finance/statement-decode';
import { FeedImportService } from '@huiqi/core/facts/feed-import.service';
import { FactImportEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404, scopeFilter } from '../auth/scope';
import { offsetOf, Page, pageOf } from '../http/pagination';
import { ZonesService } from '../zones/zones.service';
import { FeedImportListQueryDto } from './facts.dto';
import { FeedImportView, toFeedImportView } from './facts.views';

/** Data feeds into the caller's zone (CSV or JSON), and their reports. */
@Injectable()
export class FeedImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly feeds: FeedImportService,
    private readonly zones: ZonesService,
  ) {}

  async importCsv(p: Principal, file: { name: string | null; content: Buffer }, feedRef: string | null) {
    if (isZip(file.content)) return this.importXlsx(p, file, feedRef);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.content);
    } catch {
      throw DomainError.invalid('file', message('error.feed-utf8'));
    }
    let rows: unknown[];
    try {
      rows = parseFeedCsv(text);
    } catch (error) {
      if (error instanceof FeedFormatError) throw DomainError.invalid('file', error.message);
      throw error;
    }
    if (rows.length === 0) throw DomainError.invalid('file', message('error.feed-no-rows'));
    return this.run(p, { format: 'csv', fileName: file.name, feedRef, rows });
  }

  private async importXlsx(
    p: Principal,
    file: { name: string | null; content: Buffer },
    feedRef: string | null,
  ) {
    let rows: unknown[];
    try {
      rows = await parseFeedXlsx(file.content);
    } catch (error) {
      if (error instanceof FeedFormatError) throw DomainError.invalid('file', error.message);
      throw error;
    }
    if (rows.length === 0) throw DomainError.invalid('file', message('error.feed-no-rows'));
    return this.run(p, { format: 'xlsx', fileName: file.name, feedRef, rows });
  }

  importJson(p: Principal, rows: unknown[], feedRef: string | null) {
    return this.run(p, { format: 'json', fileName: null, feedRef, rows });
  }

  async get(p: Principal, id: string): Promise<FeedImportView> {
    const row = await this.dataSource.getRepository(FactImportEntity).findOne({ where: { id } });
    inScopeOr404(p, row, 'fact import');
    return toFeedImportView(row!, (await this.zones.codeOf(row!.zoneId)) ?? '', false);
  }

  async list(p: Principal, q: FeedImportListQueryDto): Promise<Page<FeedImportView>> {
    const scope = scopeFilter(p);
    const [rows, total] = await this.dataSource.getRepository(FactImportEntity).findAndCount({
      where: scope.zoneId ? { zoneId: scope.zoneId } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: offsetOf(q),
      take: q.pageSize,
    });
    const codes = new Map<string, string>();
    for (const r of rows)
      if (!codes.has(r.zoneId)) codes.set(r.zoneId, (await this.zones.codeOf(r.zoneId)) ?? '');
    return pageOf(
      rows.map((r) => toFeedImportView(r, codes.get(r.zoneId) ?? '', false)),
      total,
      q,
    );
  }

  private async run(
    p: Principal,
    input: {
      format: 'csv' | 'json' | 'xlsx';
      fileName: string | null;
      feedRef: string | null;
      rows: unknown[];
    },
  ): Promise<FeedImportView> {
    const zoneId = p.zoneId!;
    const { report, replayed } = await this.feeds.import({
      zoneId,
      importedBy: p.userId,
      importerRole: p.role,
      ...input,
    });
    return toFeedImportView(report, (await this.zones.codeOf(zoneId)) ?? '', replayed);
  }
}
