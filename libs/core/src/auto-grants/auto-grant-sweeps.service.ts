import { text } from '@huiqi/common';
import { AutoGrantSweepEntity } from '@huiqi/database';
import { shanghaiDate } from '@huiqi/workflow';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { LoadedProgram, ProgramCatalogService } from '../catalog/program-catalog.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { OutboxService } from '../outbox/outbox.service';
import { byProgramCode } from './auto-evaluation';
import { sweepTrigger, sweepTriggerKey } from './sweep-store';

export const autoGrantSweepStream = (id: string) => `auto-grant-sweep:${id}`;

export interface StartSweepInput {
  /** One auto program of the zone; omitted: every auto program in force. */
  programCode?: string;
  /** Defaults to the current fiscal year (Asia/Shanghai); never a future one. */
  fiscalYear?: number;
}

export interface SweepActor {
  userId: string | null;
  role: string;
}

/**
 * Starts auto-grant sweeps: a policy admin through the API, the nightly job scheduler for every zone.
 * Starting writes the sweep row (with the program versions it will evaluate, pinned, and the
 * evaluation date, fixed) and its outbox row in ONE transaction: a started sweep is never lost, and
 * an outbox row never points at a sweep that does not exist.
 */
@Injectable()
export class AutoGrantSweepService {
  private readonly logger = new Logger(AutoGrantSweepService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ProgramCatalogService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async start(zoneId: string, input: StartSweepInput, actor: SweepActor): Promise<AutoGrantSweepEntity> {
    return this.dataSource.transaction(async (m) => {
      const today = shanghaiDate(new Date());
      const currentYear = Number(today.slice(0, 4));
      const fiscalYear = input.fiscalYear ?? currentYear;
      if (fiscalYear > currentYear) {
        throw DomainError.invalid('fiscalYear', text('error.sweep-future-year', { year: currentYear }));
      }
      const programs = await this.autoPrograms(zoneId, fiscalYear, today);
      let scope = programs;
      if (input.programCode != null) {
        scope = programs.filter((p) => p.row.code === input.programCode);
        if (scope.length === 0) {
          throw DomainError.invalid(
            'programCode',
            text('error.sweep-not-auto', { code: input.programCode, year: fiscalYear }),
          );
        }
      }
      if (scope.length === 0) {
        throw new DomainError(DomainErrorCode.Unprocessable, text('error.sweep-none', { year: fiscalYear }));
      }
      const sweep = await this.insert(m, {
        zoneId,
        programCode: input.programCode ?? null,
        fiscalYear,
        asOf: today,
        programs: scope,
        actor,
        scheduleSlot: null,
      });
      return sweep as AutoGrantSweepEntity;
    });
  }

  /**
   * The nightly run: one sweep of every auto program for each zone that has any, for the current
   * fiscal year. `slot` (the night's date) makes a redelivered scheduler job start nothing twice; a
   * zone whose previous sweep is still unfinished is left to finish it.
   */
  async startScheduled(slot: string): Promise<AutoGrantSweepEntity[]> {
    const zones: { id: string }[] = await this.dataSource.query('SELECT id FROM zones ORDER BY code');
    const started: AutoGrantSweepEntity[] = [];
    for (const zone of zones) {
      const sweep = await this.dataSource.transaction(async (m) => {
        const today = shanghaiDate(new Date());
        const fiscalYear = Number(today.slice(0, 4));
        const programs = await this.autoPrograms(zone.id, fiscalYear, today);
        if (programs.length === 0) return null;
        const claimed: unknown[] = await m.query(
          `SELECT 1 FROM auto_grant_sweeps
           WHERE zone_id = $1 AND (schedule_slot = $2::date OR status IN ('pending','running')) LIMIT 1`,
          [zone.id, slot],
        );
        if (claimed.length > 0) return null;
        return this.insert(m, {
          zoneId: zone.id,
          programCode: null,
          fiscalYear,
          asOf: today,
          programs,
          actor: { userId: null, role: 'system' },
          scheduleSlot: slot,
        });
      });
      if (sweep) started.push(sweep);
    }
    this.logger.log({ slot, sweeps: started.map((s) => s.id) }, 'nightly auto-grant sweeps started');
    return started;
  }

  /** The auto programs of a zone in force for a fiscal year: on `today`, or at the end of a past year. */
  private async autoPrograms(zoneId: string, fiscalYear: number, today: string): Promise<LoadedProgram[]> {
    const catalogDate = fiscalYear < Number(today.slice(0, 4)) ? `${fiscalYear}-12-31` : today;
    // Not on `m`: listCurrent loads versions concurrently, which one transaction's connection cannot do.
    const programs = await this.catalog.listCurrent(zoneId, catalogDate);
    return programs.filter((p) => p.definition.mode === 'auto').sort((a, b) => byProgramCode(a.row, b.row));
  }

  private async insert(
    m: EntityManager,
    input: {
      zoneId: string;
      programCode: string | null;
      fiscalYear: number;
      asOf: string;
      programs: LoadedProgram[];
      actor: SweepActor;
      scheduleSlot: string | null;
    },
  ): Promise<AutoGrantSweepEntity | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO auto_grant_sweeps (zone_id, program_code, fiscal_year, as_of, program_versions, trigger, schedule_slot,
         status, total, started_by)
       SELECT $1, $2, $3, $4, $5::jsonb, $6, $7, 'pending',
         (SELECT count(*) FROM enterprises WHERE zone_id = $1 AND created_at <= now()), $8
       ON CONFLICT (zone_id, schedule_slot) WHERE schedule_slot IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        input.zoneId,
        input.programCode,
        input.fiscalYear,
        input.asOf,
        JSON.stringify(input.programs.map((p) => ({ code: p.row.code, version: p.row.version }))),
        input.scheduleSlot ? 'schedule' : 'manual',
        input.scheduleSlot,
        input.actor.role === 'system' ? null : input.actor.userId,
      ],
    );
    if (rows.length === 0) return null; // this night's sweep was started by a concurrent delivery
    const id = rows[0].id;
    await this.outbox.enqueue(m, [sweepTrigger(id, sweepTriggerKey(id, 'start'))]);
    const sweep = await m.findOneOrFail(AutoGrantSweepEntity, { where: { id } });
    await this.audit.append(m, {
      stream: autoGrantSweepStream(id),
      zoneId: input.zoneId,
      enterpriseId: null,
      actorId: input.actor.role === 'system' ? null : input.actor.userId,
      actorRole: input.actor.role,
      action: 'auto-grant-sweep.started',
      data: {
        programCode: input.programCode,
        fiscalYear: input.fiscalYear,
        asOf: input.asOf,
        programVersions: sweep.programVersions,
        total: sweep.total,
        trigger: sweep.trigger,
      },
    });
    return sweep;
  }
}
