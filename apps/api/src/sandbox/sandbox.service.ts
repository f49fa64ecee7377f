import { AuditService } from '@huiqi/core/audit/audit.service';
import { ProgramCatalogService } from '@huiqi/core/catalog/program-catalog.service';
import { buildReport, SandboxAggregates, SandboxReport } from '@huiqi/core/catalog/sandbox-tally';
import { DomainError } from '@huiqi/core/errors/domain-error';
import { OutboxService } from '@huiqi/core/outbox/outbox.service';
import { bigintFen, SandboxRunEntity } from '@huiqi/database';
import { QueueName } from '@huiqi/queues';
import { shanghaiDate } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404 } from '../auth/scope';
import { programStream } from '../catalog/program-versions.service';
import { ProgramsService } from '../catalog/programs.service';
import { Page, pageOf, offsetOf } from '../http/pagination';
import { CreateSandboxRunDto, SandboxChangesQueryDto } from './sandbox.dto';
import { SandboxChangePageView, SandboxChangeView, SandboxRunView } from './sandbox.views';

export const SANDBOX_JOB = 'run-sandbox';
const TOP_CHANGES = 20;

interface ChangeRow {
  enterprise_id: string;
  uscc: string;
  name: string;
  fiscal_year: number;
  subject: string;
  old_amount_fen: string;
  new_amount_fen: string;
  delta_fen: string;
  old_eligible: boolean;
  new_eligible: boolean;
  old_up_to: boolean;
  new_up_to: boolean;
}

const fen = (v: string) => bigintFen.from(v) as number;

function toChangeView(r: ChangeRow): SandboxChangeView {
  const delta = fen(r.delta_fen);
  return {
    enterpriseId: r.enterprise_id,
    uscc: r.uscc,
    name: r.name,
    fiscalYear: r.fiscal_year,
    subject: r.subject === '' ? null : r.subject,
    oldAmountFen: fen(r.old_amount_fen),
    newAmountFen: fen(r.new_amount_fen),
    deltaFen: delta,
    kind: delta > 0 ? 'gain' : 'loss',
    oldEligible: r.old_eligible,
    newEligible: r.new_eligible,
    oldUpTo: r.old_up_to,
    newUpTo: r.new_up_to,
  };
}

/**
 * Policy sandbox runs over HTTP: a policy admin asks for one (the worker computes it from the outbox
 * job), and the zone's policy admins and auditors follow its progress and read its report.
 */
@Injectable()
export class SandboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly catalog: ProgramCatalogService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async create(
    p: Principal,
    code: string,
    version: number,
    dto: CreateSandboxRunDto,
  ): Promise<SandboxRunView> {
    const program = await this.programs.visibleVersion(p, code, version);
    // Another zone's program is out of scope: 404, like a missing one.
    if (program.row.zoneId !== p.zoneId) throw DomainError.notFound('programVersion', `${code} v${version}`);
    const asOf = shanghaiDate(new Date());
    const fiscalYears = [...(dto.fiscalYears ?? [Number(asOf.slice(0, 4))])].sort((a, b) => a - b);
    const baseline = await this.catalog.findCurrent(code, asOf);
    const id = randomUUID();
    await this.dataSource.transaction(async (m) => {
      await m.insert(SandboxRunEntity, {
        id,
        zoneId: program.row.zoneId,
        programCode: code,
        programVersion: version,
        programStatus: program.row.status,
        definition: program.definition,
        baselineVersion: baseline?.row.version ?? null,
        fiscalYears,
        asOf,
        status: 'queued',
        processed: 0,
        aggregates: {},
        requestedBy: p.userId,
      });
      await this.outbox.enqueue(m, [
        { queue: QueueName.PolicySandbox, jobName: SANDBOX_JOB, payload: { runId: id } },
      ]);
      await this.audit.append(m, {
        stream: programStream(code),
        zoneId: program.row.zoneId,
        enterpriseId: null,
        actorId: p.userId,
        actorRole: p.role,
        action: 'program.sandbox-requested',
        data: { runId: id, version, baselineVersion: baseline?.row.version ?? null, fiscalYears },
      });
    });
    return this.get(p, id);
  }

  async get(p: Principal, id: string): Promise<SandboxRunView> {
    const run = await this.visible(p, id);
    const rows: ChangeRow[] = await this.dataSource.query(
      `${CHANGES_SELECT} WHERE c.run_id = $1 ORDER BY abs(c.delta_fen) DESC, c.enterprise_id, c.fiscal_year, c.subject LIMIT $2`,
      [id, TOP_CHANGES],
    );
    const completed = run.status === 'completed';
    const started = run.status !== 'queued' && Object.keys(run.aggregates as object).length > 0;
    const report: SandboxReport | null = completed
      ? (run.report as SandboxReport)
      : started
        ? buildReport(run.aggregates as SandboxAggregates, run.processed, new Map())
        : null;
    return {
      id: run.id,
      programCode: run.programCode,
      version: run.programVersion,
      programStatus: run.programStatus,
      baselineVersion: run.baselineVersion,
      fiscalYears: run.fiscalYears,
      asOf: run.asOf,
      status: run.status,
      progress: {
        processed: run.processed,
        total: run.total,
        percent:
          run.total === null ? null : run.total === 0 ? 100 : Math.floor((run.processed * 100) / run.total),
      },
      report,
      final: completed,
      topChanges: rows.map(toChangeView),
      error: run.error,
      requestedBy: run.requestedBy,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
    };
  }

  async changes(p: Principal, id: string, q: SandboxChangesQueryDto): Promise<SandboxChangePageView> {
    await this.visible(p, id);
    const where = `WHERE c.run_id = $1 AND ($2::text IS NULL OR ($2 = 'gain') = (c.delta_fen > 0))
      AND ($3::int IS NULL OR c.fiscal_year = $3)`;
    const params = [id, q.kind ?? null, q.fiscalYear ?? null];
    const [rows, [{ total }]]: [ChangeRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `${CHANGES_SELECT} ${where} ORDER BY abs(c.delta_fen) DESC, c.enterprise_id, c.fiscal_year, c.subject
         OFFSET $4 LIMIT $5`,
        [...params, offsetOf(q), q.pageSize],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM sandbox_run_changes c ${where}`, params),
    ]);
    return pageOf(rows.map(toChangeView), total, q) as Page<SandboxChangeView>;
  }

  private async visible(p: Principal, id: string): Promise<SandboxRunEntity> {
    const run = await this.dataSource.getRepository(SandboxRunEntity).findOne({ where: { id } });
    return inScopeOr404(p, run, 'sandbox run');
  }
}

const CHANGES_SELECT = `
  SELECT c.enterprise_id, e.uscc, e.name, c.fiscal_year, c.subject, c.old_amount_fen, c.new_amount_fen, c.delta_fen,
         c.old_eligible, c.new_eligible, c.old_up_to, c.new_up_to
  FROM sandbox_run_changes c JOIN enterprises e ON e.id = c.enterprise_id`;
