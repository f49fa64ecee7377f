import { shanghaiDate } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProgramCatalogService } from '../catalog/program-catalog.service';
import { AutoGrantEngine, GrantRunOutcome } from './auto-grant-engine.service';
import { byProgramCode } from './auto-evaluation';

/**
 * How many fiscal years before the current one a late fact may re-check. Older years are left to a
 * sweep of that year started by hand, so one mistyped date cannot make a check evaluate decades.
 */
export const RECHECK_PAST_YEARS = 5;

/**
 * A targeted check (定向核查): one enterprise's auto programs evaluated now, through the same engine as
 * a sweep batch of one, for the current fiscal year — and, when the new facts speak about a past year
 * (`fromFiscalYear`: a talent recognised in 2023 recorded only now), for each fiscal year from that one
 * on, with the programs in force at the end of that year (as a sweep of that year would). New facts (a
 * listing, a high-tech certificate, a year's tax data) trigger it, so the offer or the next
 * installment follows within seconds instead of waiting for a sweep. Offers stay idempotent (the
 * engine's dedup and the database's unique indexes), so a repeated check offers nothing twice. Runs
 * in the caller's transaction (the outbox's exactly-once wrapper).
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
    fromFiscalYear?: number,
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
    const currentYear = Number(today.slice(0, 4));
    const firstYear =
      fromFiscalYear !== undefined && Number.isInteger(fromFiscalYear)
        ? Math.min(currentYear, Math.max(fromFiscalYear, currentYear - RECHECK_PAST_YEARS))
        : currentYear;
    const total: GrantRunOutcome = {
      processed: 0,
      lastEnterpriseId: null,
      offersCreated: 0,
      duplicates: 0,
      skipped: 0,
      errors: [],
    };
    // Past years first, the current year last: the last run advances every open installment plan,
    // including one a past year's offer has just started.
    for (let fiscalYear = firstYear; fiscalYear <= currentYear; fiscalYear++) {
      const past = fiscalYear < currentYear;
      // Not on `manager`: listCurrent loads versions concurrently, which one transaction's connection cannot do.
      const programs = (
        await this.catalog.listCurrent(enterprise.zone_id, past ? `${fiscalYear}-12-31` : today)
      )
        .filter((p) => p.definition.mode === 'auto')
        .sort((a, b) => byProgramCode(a.row, b.row));
      if (past && programs.length === 0) continue;
      const outcome = await this.engine.run(manager, {
        zone: { id: enterprise.zone_id, code: enterprise.zone_code },
        enterprises: [{ id: enterprise.id, barred: enterprise.barred }],
        programs,
        fiscalYear,
        asOf: today,
        origin: { trigger: 'check-enterprise', reason, ...(past ? { fiscalYear } : {}) },
        planPrograms: past ? [] : null,
      });
      // A check is one job: fail it (and roll it back) so it is retried and, if it keeps failing, kept visible.
      if (outcome.errors.length > 0) throw new Error(outcome.errors[0].message);
      total.processed = outcome.processed;
      total.lastEnterpriseId = outcome.lastEnterpriseId;
      total.offersCreated += outcome.offersCreated;
      total.duplicates += outcome.duplicates;
      total.skipped = outcome.skipped;
    }
    return total;
  }
}
