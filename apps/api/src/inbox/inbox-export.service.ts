import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { csvDocument } from '@huiqi/core/finance/csv-text';
import { fenToYuan } from '@huiqi/core/finance/money';
import { ApplicationEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { DeadlineCountdowns } from './deadline-countdowns';
import { applyInboxFilters, applyInboxSort, resolveInboxSearch } from './inbox-filter';
import { InboxExportQueryDto } from './inbox.dto';

/** More than this is a request to narrow the filter, not a file nobody can open. */
export const EXPORT_MAX_ROWS = 50_000;

const COLUMNS = [
  { key: 'reference', header: '案件编号', width: 18, text: true },
  { key: 'enterpriseName', header: '企业名称', width: 36, text: true },
  { key: 'uscc', header: '统一社会信用代码', width: 22, text: true },
  { key: 'programCode', header: '政策项目', width: 40, text: true },
  { key: 'fiscalYear', header: '年度', width: 8, text: false },
  { key: 'state', header: '状态', width: 18, text: true },
  { key: 'stage', header: '当前环节', width: 18, text: true },
  { key: 'dueAt', header: '办理期限', width: 20, text: true },
  { key: 'workingDaysLeft', header: '剩余工作日', width: 10, text: false },
  { key: 'computedYuan', header: '测算金额（元）', width: 16, text: true },
  { key: 'approvedYuan', header: '核定金额（元）', width: 16, text: true },
  { key: 'assignee', header: '经办人', width: 14, text: true },
  { key: 'submittedAt', header: '提交时间', width: 20, text: true },
  { key: 'id', header: '系统编号', width: 38, text: true },
] as const;
type Row = Record<(typeof COLUMNS)[number]['key'], string | number | null>;

/** YYYY-MM-DD HH:mm in Asia/Shanghai, the time zone the zones work in. */
function shanghaiTime(at: Date | null): string | null {
  if (!at) return null;
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The current inbox list (same filters and order as GET /applications) as a file for people:
 * Chinese headers; case numbers, USCCs and ids as text cells (never 9.14E+17); amounts as yuan text
 * with two decimals computed from integer fen; CSV cells made formula-safe.
 */
@Injectable()
export class InboxExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly countdowns: DeadlineCountdowns,
  ) {}

  async export(p: Principal, q: InboxExportQueryDto): Promise<{ fileName: string; body: Buffer | string }> {
    const rows = await this.rows(p, q);
    const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    if (q.format === 'csv') {
      return {
        fileName: `inbox-${stamp}.csv`,
        body: csvDocument(
          COLUMNS.map((c) => c.header),
          rows.map((r) => COLUMNS.map((c) => r[c.key])),
        ),
      };
    }
    const book = new Workbook();
    const sheet = book.addWorksheet('案件清单', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c) => ({
      key: c.key,
      header: c.header,
      width: c.width,
      style: c.text ? { numFmt: '@' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) sheet.addRow(r);
    return { fileName: `inbox-${stamp}.xlsx`, body: Buffer.from(await book.xlsx.writeBuffer()) };
  }

  private async rows(p: Principal, q: InboxExportQueryDto): Promise<Row[]> {
    const qb = this.dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .innerJoin('enterprises', 'e', 'e.id = a.enterprise_id')
      .innerJoin('zones', 'z', 'z.id = a.zone_id')
      .leftJoin('users', 'u', 'u.id = a.assignee_id')
      .addSelect(['e.name AS enterprise_name', 'e.uscc AS uscc', 'z.code AS zone_code'])
      .addSelect('u.display_name', 'assignee_name')
      .limit(EXPORT_MAX_ROWS + 1);
    const search = await resolveInboxSearch(this.dataSource.manager, p, q.q);
    applyInboxSort(applyInboxFilters(qb, p, q, search), q.sort);
    const { entities, raw } = await qb.getRawAndEntities();
    if (entities.length > EXPORT_MAX_ROWS) {
      throw new DomainError(
        DomainErrorCode.Unprocessable,
        `The list has more than ${EXPORT_MAX_ROWS} cases; narrow the filter to export it.`,
        { maxRows: EXPORT_MAX_ROWS },
      );
    }
    const withDays = await this.countdowns.withWorkingDaysLeft(
      entities.map((a, i) => {
        const r = raw[i] as {
          enterprise_name: string;
          uscc: string;
          zone_code: string;
          assignee_name: string | null;
        };
        return {
          app: a,
          names: r,
          zoneCode: r.zone_code,
          deadline: a.stageDueAt
            ? { dueAt: a.stageDueAt, workingDaysLeft: undefined as number | undefined }
            : null,
        };
      }),
    );
    return withDays.map(({ app, names, deadline }) => ({
      reference: app.reference,
      enterpriseName: names.enterprise_name,
      uscc: names.uscc,
      programCode: app.programCode,
      fiscalYear: app.fiscalYear,
      state: app.state,
      stage: app.stage,
      dueAt: shanghaiTime(app.stageDueAt),
      workingDaysLeft: deadline?.workingDaysLeft ?? null,
      computedYuan: app.computedAmountFen === null ? null : fenToYuan(app.computedAmountFen),
      approvedYuan: app.approvedAmountFen === null ? null : fenToYuan(app.approvedAmountFen),
      assignee: names.assignee_name,
      submittedAt: shanghaiTime(app.submittedAt),
      id: app.id,
    }));
  }
}
