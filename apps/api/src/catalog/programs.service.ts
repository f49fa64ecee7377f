import { LoadedProgram, ProgramCatalogService } from '@huiqi/core/catalog/program-catalog.service';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { ProgramVersionEntity } from '@huiqi/database';
import { shanghaiDate } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ZonesService } from '../zones/zones.service';
import { ProgramListQueryDto } from './catalog.dto';
import {
  ProgramDetailView,
  ProgramSummaryView,
  ProgramVersionView,
  ProgramCatalogEntryView,
  ProgramRetirementView,
  toProgramSummaryView,
  toProgramVersionView,
  toVersionHistory,
} from './catalog.views';

interface RetirementRow {
  code: string;
  last_day: string;
  reason: string;
  retired_by: string;
  retired_at: Date;
}

const toRetirementView = (r: RetirementRow): ProgramRetirementView => ({
  lastDay: r.last_day,
  reason: r.reason,
  retiredBy: r.retired_by,
  retiredAt: r.retired_at,
});

/** Drafts are work in progress: only the zone's policy admins and auditors (and admins) see them. */
export function seesDrafts(p: Principal, zoneId: string): boolean {
  return p.role === 'admin' || ((p.role === 'policy_admin' || p.role === 'auditor') && p.zoneId === zoneId);
}

/** The published catalog is public to every logged-in user; program versions are read from the cache. */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ProgramCatalogService,
    private readonly zones: ZonesService,
  ) {}

  async list(p: Principal, q: ProgramListQueryDto): Promise<ProgramSummaryView[]> {
    const zoneId = q.zone ? (await this.zones.requireByCode(q.zone, 'zone')).id : p.zoneId;
    const programs = await this.catalog.listCurrentIn(
      zoneId ? [zoneId] : null,
      q.asOf ?? shanghaiDate(new Date()),
    );
    const codes = await this.zoneCodes();
    return programs
      .filter(
        (x) =>
          (!q.category || x.definition.category === q.category) && (!q.mode || x.definition.mode === q.mode),
      )
      .map((x) => toProgramSummaryView(x, codes.get(x.row.zoneId) ?? ''));
  }

  async get(p: Principal, code: string): Promise<ProgramDetailView> {
    const rows = await this.dataSource
      .getRepository(ProgramVersionEntity)
      .find({ where: { code }, order: { version: 'DESC' } });
    const visible = rows.filter((r) => r.status === 'published' || seesDrafts(p, r.zoneId));
    if (visible.length === 0) throw DomainError.notFound('program', code);
    const zoneCode = (await this.zones.codeOf(visible[0].zoneId)) ?? '';
    const today = shanghaiDate(new Date());
    const current = await this.catalog.findCurrent(code, today);
    const [retirement] = await this.retirements([code]);
    return {
      code,
      zoneCode,
      current: current ? toProgramVersionView(current, zoneCode) : null,
      retirement: retirement ? toRetirementView(retirement) : null,
      versions: toVersionHistory(visible, today, retirement?.last_day ?? null),
    };
  }

  /**
   * Every program of the caller's zone with all its versions (drafts included), for its policy admins
   * and auditors: what the catalog console lists.
   */
  async catalogOf(p: Principal): Promise<ProgramCatalogEntryView[]> {
    if (!p.zoneId) return [];
    const rows = await this.dataSource
      .getRepository(ProgramVersionEntity)
      .find({ where: { zoneId: p.zoneId }, order: { code: 'ASC', version: 'DESC' } });
    const zoneCode = (await this.zones.codeOf(p.zoneId)) ?? '';
    const byCode = new Map<string, ProgramVersionEntity[]>();
    for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
    const retired = new Map((await this.retirements([...byCode.keys()])).map((r) => [r.code, r]));
    const today = shanghaiDate(new Date());
    return [...byCode].map(([code, versions]) => {
      const retirement = retired.get(code) ?? null;
      const history = toVersionHistory(versions, today, retirement?.last_day ?? null);
      const newest = versions[0].definition as {
        title: { zh: string; en: string };
        category: string;
        mode: string;
      };
      return {
        code,
        zoneCode,
        title: newest.title,
        category: newest.category,
        mode: newest.mode,
        currentVersion: history.find((h) => h.current)?.version ?? null,
        draftVersion: versions.find((v) => v.status === 'draft')?.version ?? null,
        retirement: retirement ? toRetirementView(retirement) : null,
        versions: history,
      };
    });
  }

  private async retirements(codes: string[]): Promise<RetirementRow[]> {
    if (codes.length === 0) return [];
    return this.dataSource.query(
      `SELECT code, to_char(last_day, 'YYYY-MM-DD') AS last_day, reason, retired_by, retired_at
       FROM program_retirements WHERE code = ANY($1::text[])`,
      [codes],
    );
  }

  async getVersion(p: Principal, code: string, version: number): Promise<ProgramVersionView> {
    const loaded = await this.visibleVersion(p, code, version);
    return toProgramVersionView(loaded, (await this.zones.codeOf(loaded.row.zoneId)) ?? '');
  }

  /** A version the caller may see (drafts only for their zone's policy admins and auditors), loaded. */
  async visibleVersion(p: Principal, code: string, version: number): Promise<LoadedProgram> {
    const row = await this.dataSource
      .getRepository(ProgramVersionEntity)
      .findOne({ where: { code, version } });
    if (!row || (row.status === 'draft' && !seesDrafts(p, row.zoneId))) {
      throw DomainError.notFound('programVersion', `${code} v${version}`);
    }
    return row.status === 'published' ? this.catalog.getVersion(code, version) : this.catalog.load(row);
  }

  private async zoneCodes(): Promise<Map<string, string>> {
    return new Map((await this.zones.list()).map((z) => [z.id, z.code]));
  }
}
