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
  toProgramSummaryView,
  toProgramVersionView,
  toVersionHistoryItem,
} from './catalog.views';

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
    if (visible.length === 0) throw DomainError.notFound(`program ${code}`);
    const zoneCode = (await this.zones.codeOf(visible[0].zoneId)) ?? '';
    const current = await this.catalog.findCurrent(code, shanghaiDate(new Date()));
    return {
      code,
      zoneCode,
      current: current ? toProgramVersionView(current, zoneCode) : null,
      versions: visible.map((r) => toVersionHistoryItem(r, current?.row.version ?? null)),
    };
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
      throw DomainError.notFound(`program ${code} version ${version}`);
    }
    return row.status === 'published' ? this.catalog.getVersion(code, version) : this.catalog.load(row);
  }

  private async zoneCodes(): Promise<Map<string, string>> {
    return new Map((await this.zones.list()).map((z) => [z.id, z.code]));
  }
}
