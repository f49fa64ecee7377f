import { DomainError } from '@huiqi/core/errors/domain-error';
import { AutoGrantSweepEntity } from '@huiqi/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404 } from '../auth/scope';
import { offsetOf, Page, pageOf } from '../http/pagination';
import { SweepListQueryDto } from './auto-grant-sweeps.dto';
import { SweepDetailView, SweepView, toSweepView } from './auto-grant-sweeps.views';

const ERRORS_SHOWN = 100;

/** Reads of sweeps: staff see their zone's, admins every zone's. */
@Injectable()
export class AutoGrantSweepQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(principal: Principal, id: string): Promise<SweepDetailView> {
    const sweep = inScopeOr404(
      principal,
      await this.dataSource.getRepository(AutoGrantSweepEntity).findOne({ where: { id } }),
      'auto-grant sweep',
    );
    const errors: { enterprise_id: string; message: string; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT enterprise_id, message, created_at FROM auto_grant_sweep_errors WHERE sweep_id = $1 ORDER BY id LIMIT $2`,
        [id, ERRORS_SHOWN],
      );
    return {
      ...toSweepView(sweep, await this.zoneCode(sweep.zoneId)),
      errors: errors.map((e) => ({ enterpriseId: e.enterprise_id, message: e.message, at: e.created_at })),
    };
  }

  async list(principal: Principal, query: SweepListQueryDto): Promise<Page<SweepView>> {
    const zoneId = await this.zoneFilter(principal, query.zone);
    const qb = this.dataSource
      .getRepository(AutoGrantSweepEntity)
      .createQueryBuilder('s')
      .orderBy('s.started_at', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .offset(offsetOf(query))
      .limit(query.pageSize);
    if (zoneId) qb.andWhere('s.zone_id = :zoneId', { zoneId });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.fiscalYear) qb.andWhere('s.fiscal_year = :fy', { fy: query.fiscalYear });
    const [items, total] = await qb.getManyAndCount();
    const codes = await this.zoneCodes([...new Set(items.map((s) => s.zoneId))]);
    return pageOf(
      items.map((s) => toSweepView(s, codes.get(s.zoneId) ?? '')),
      total,
      query,
    );
  }

  /** Staff read their own zone (another zone's code answers 404, like any zone they cannot see). */
  private async zoneFilter(principal: Principal, zoneCode: string | undefined): Promise<string | null> {
    if (zoneCode === undefined) return principal.role === 'admin' ? null : principal.zoneId;
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM zones WHERE code = $1', [
      zoneCode,
    ]);
    const zoneId = rows[0]?.id;
    if (!zoneId || (principal.role !== 'admin' && zoneId !== principal.zoneId))
      throw DomainError.notFound('zone');
    return zoneId;
  }

  private async zoneCode(zoneId: string): Promise<string> {
    return (await this.zoneCodes([zoneId])).get(zoneId) ?? '';
  }

  private async zoneCodes(zoneIds: string[]): Promise<Map<string, string>> {
    if (zoneIds.length === 0) return new Map();
    const rows: { id: string; code: string }[] = await this.dataSource.query(
      'SELECT id, code FROM zones WHERE id = ANY($1::uuid[])',
      [zoneIds],
    );
    return new Map(rows.map((r) => [r.id, r.code]));
  }
}
