import { shanghaiDate } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProgramCatalogService } from '../catalog/program-catalog.service';
import { AutoGrantEngine, GrantRunOutcome } from './auto-grant-engine.service';
import { byProgramCode } from './auto-evaluation';

/**
 * A targeted check (定向核查): one enterprise's auto programs evaluated now, through the same engine as
 * a sweep batch of one, for the current fiscal year. New facts (a listing, a high-tech certificate,
 * a year's tax data) trigger it, so the offer or the next installment follows within seconds instead
 * of waiting for the nightly sweep. Runs in the caller's transaction (the outbox's exactly-once wrapper).
 */
@Injectable()
export class EnterpriseCheckService {
  constructor(
    private readonly catalog: ProgramCatalogService,
    private readonly engine: AutoGrantEngine,
  ) {}

  async check(
    manager: EntityManager,
    enterpriseId: string,
    reason: string,
  ): Promise<GrantRunOutcome | 'unknown-enterprise'> {
    const rows: { id: string; zone_id: string; zone_code: string; barred: boolean }[] = await manager.query(
      `SELECT e.id, e.zone_id, z.code AS zone_code, EXISTS (
           SELECT 1 FROM enterprise_blacklist b
           WHERE b.enterprise_id = e.id AND b.lifted_at IS NULL AND b.barred_from <= now() AND b.barred_until > now()
         ) AS barred
       FROM enterprises e JOIN zones z ON z.id = e.zone_id WHERE e.id = $1`,
      [enterpriseId],
    );
    const enterprise = rows[0];
    if (!enterprise) return 'unknown-enterprise';
    const today = shanghaiDate(new Date());
    // Not on `manager`: listCurrent loads versions concurrently, which one transaction's connection cannot do.
    const programs = (await this.catalog.listCurrent(enterprise.zone_id, today))
      .filter((p) => p.definition.mode === 'auto')
      .sort((a, b) => byProgramCode(a.row, b.row));
    const outcome = await this.engine.run(manager, {
      zone: { id: enterprise.zone_id, code: enterprise.zone_code },
      enterprises: [{ id: enterprise.id, barred: enterprise.barred }],
      programs,
      fiscalYear: Number(today.slice(0, 4)),
      asOf: today,
      origin: { trigger: 'check-enterprise', reason },
      planPrograms: null,
    });
    // A check is one job: fail it (and roll it back) so it is retried and, if it keeps failing, kept visible.
    if (outcome.errors.length > 0) throw new Error(outcome.errors[0].message);
    return outcome;
  }
}
