import { ProgramCatalogService } from '@huiqi/core/catalog/program-catalog.service';
import {
  buildReport,
  emptyAggregates,
  PoolFigures,
  SandboxAggregates,
  SandboxChange,
  tally,
} from '@huiqi/core/catalog/sandbox-tally';
import { FactsReader } from '@huiqi/core/facts/facts-reader.service';
import { bigintFen, SandboxRunEntity } from '@huiqi/database';
import {
  candidateSubjects,
  CompiledProgram,
  compileProgram,
  evaluateProgram,
  type FactIndex,
  parseProgramDefinition,
} from '@huiqi/policies';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Enterprises evaluated per transaction: small enough to keep row locks short, large enough for one facts query to pay. */
export const SANDBOX_BATCH_SIZE = 500;

export type StepResult = 'continued' | 'scanned' | 'finished';

interface Programs {
  candidate: CompiledProgram;
  baseline: CompiledProgram | null;
}

/**
 * Runs a policy sandbox batch by batch. Each batch is one transaction holding the run row's lock: it
 * reads the next enterprises after the stored cursor (keyset on id, within the enterprises that existed
 * when the run was requested), evaluates both versions for every fiscal year, appends the changes and
 * stores the new cursor and aggregates. A crashed or redelivered run resumes at its cursor, and two
 * deliveries never process one batch twice. It writes nothing but the run's own rows.
 */
@Injectable()
export class SandboxRunner {
  private readonly compiled = new Map<string, CompiledProgram>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ProgramCatalogService,
    private readonly factsReader: FactsReader,
  ) {}

  step(runId: string, batchSize = SANDBOX_BATCH_SIZE): Promise<StepResult> {
    return this.dataSource.transaction(async (m) => {
      const run = await m.findOne(SandboxRunEntity, {
        where: { id: runId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!run || run.status === 'completed' || run.status === 'failed') return 'finished';
      if (run.status === 'queued') await this.start(m, run);
      const ids: { id: string }[] = await m.query(
        `SELECT id FROM enterprises
         WHERE zone_id = $1 AND created_at <= (SELECT created_at FROM sandbox_runs WHERE id = $2)
           AND ($3::uuid IS NULL OR id > $3::uuid)
         ORDER BY id LIMIT $4`,
        [run.zoneId, run.id, run.cursor, batchSize],
      );
      if (ids.length === 0) return 'scanned';
      const programs = await this.programsOf(run, m);
      const aggregates = run.aggregates as SandboxAggregates;
      const factsByEnterprise = await this.factsReader.indexForMany(
        ids.map((r) => r.id),
        m,
      );
      const changes: SandboxChange[] = [];
      for (const { id } of ids) {
        const facts = factsByEnterprise.get(id)!;
        for (const fiscalYear of run.fiscalYears) {
          for (const subject of subjectsOf(programs, facts)) {
            const input = { facts, fiscalYear, asOf: run.asOf, ...(subject ? { subject } : {}) };
            const change = tally(
              aggregates,
              { enterpriseId: id, fiscalYear, subject: subject ?? '' },
              evaluateProgram(programs.candidate, input),
              programs.baseline ? evaluateProgram(programs.baseline, input) : null,
            );
            if (change) changes.push(change);
          }
        }
      }
      await this.insertChanges(m, run.id, changes);
      await m.query(
        `UPDATE sandbox_runs SET cursor = $2, processed = processed + $3, aggregates = $4::jsonb, updated_at = now()
         WHERE id = $1`,
        [run.id, ids[ids.length - 1].id, ids.length, JSON.stringify(aggregates)],
      );
      return 'continued';
    });
  }

  /** Writes the report and completes the run (in the caller's transaction: the outbox's runOnce). */
  async finish(m: EntityManager, runId: string): Promise<boolean> {
    const run = await m.findOne(SandboxRunEntity, {
      where: { id: runId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!run || run.status !== 'running') return false;
    const definition = parseProgramDefinition(run.definition);
    const pools = new Map<number, PoolFigures | null>();
    for (const fy of run.fiscalYears) {
      pools.set(fy, await this.poolFor(m, run.zoneId, run.programCode, definition.policyDocument.code, fy));
    }
    const report = buildReport(run.aggregates as SandboxAggregates, run.processed, pools);
    await m.query(
      `UPDATE sandbox_runs SET status = 'completed', report = $2::jsonb, finished_at = now(), updated_at = now()
       WHERE id = $1`,
      [run.id, JSON.stringify(report)],
    );
    return true;
  }

  async fail(runId: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE sandbox_runs SET status = 'failed', error = $2, finished_at = now(), updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running')`,
      [runId, error.slice(0, 2000)],
    );
  }

  private async start(m: EntityManager, run: SandboxRunEntity): Promise<void> {
    const [{ total }]: { total: number }[] = await m.query(
      `SELECT count(*)::int AS total FROM enterprises
       WHERE zone_id = $1 AND created_at <= (SELECT created_at FROM sandbox_runs WHERE id = $2)`,
      [run.zoneId, run.id],
    );
    run.status = 'running';
    run.total = total;
    run.aggregates = emptyAggregates(run.fiscalYears, run.baselineVersion !== null);
    await m.query(
      `UPDATE sandbox_runs SET status = 'running', total = $2, aggregates = $3::jsonb, started_at = now(), updated_at = now()
       WHERE id = $1`,
      [run.id, total, JSON.stringify(run.aggregates)],
    );
  }

  private async programsOf(run: SandboxRunEntity, m: EntityManager): Promise<Programs> {
    let candidate = this.compiled.get(run.id);
    if (!candidate) {
      candidate = compileProgram(parseProgramDefinition(run.definition));
      this.compiled.clear();
      this.compiled.set(run.id, candidate);
    }
    const baseline =
      run.baselineVersion === null
        ? null
        : (await this.catalog.getVersion(run.programCode, run.baselineVersion, m)).compiled;
    return { candidate, baseline };
  }

  private async insertChanges(m: EntityManager, runId: string, changes: SandboxChange[]): Promise<void> {
    if (changes.length === 0) return;
    await m.query(
      `INSERT INTO sandbox_run_changes
         (run_id, enterprise_id, fiscal_year, subject, old_amount_fen, new_amount_fen, old_eligible, new_eligible, old_up_to, new_up_to)
       SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::text[], $5::bigint[], $6::bigint[], $7::bool[], $8::bool[], $9::bool[], $10::bool[])`,
      [
        runId,
        changes.map((c) => c.enterpriseId),
        changes.map((c) => c.fiscalYear),
        changes.map((c) => c.subject),
        changes.map((c) => c.oldAmountFen),
        changes.map((c) => c.newAmountFen),
        changes.map((c) => c.oldEligible),
        changes.map((c) => c.newEligible),
        changes.map((c) => c.oldUpTo),
        changes.map((c) => c.newUpTo),
      ],
    );
  }

  /** The program's own pool for the year, else its policy document's; none when the finance tables are absent. */
  private async poolFor(
    m: EntityManager,
    zoneId: string,
    programCode: string,
    policyDocumentCode: string,
    fiscalYear: number,
  ): Promise<PoolFigures | null> {
    const [{ present }]: { present: boolean }[] = await m.query(
      `SELECT to_regclass('fund_pools') IS NOT NULL AS present`,
    );
    if (!present) return null;
    const rows: {
      id: string;
      name: string;
      scope: 'program' | 'policy_document';
      allocated_fen: string;
      reserved_fen: string;
      paid_fen: string;
      available_fen: string;
    }[] = await m.query(
      `SELECT id, name, scope, allocated_fen, reserved_fen, paid_fen, available_fen FROM fund_pools
       WHERE zone_id = $1 AND fiscal_year = $2
         AND ((scope = 'program' AND program_code = $3) OR (scope = 'policy_document' AND policy_document_code = $4))
       ORDER BY (scope = 'program') DESC LIMIT 1`,
      [zoneId, fiscalYear, programCode, policyDocumentCode],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      id: r.id,
      name: r.name,
      scope: r.scope,
      allocatedFen: fen(r.allocated_fen),
      reservedFen: fen(r.reserved_fen),
      paidFen: fen(r.paid_fen),
      availableFen: fen(r.available_fen),
    };
  }
}

const fen = (value: string): number => bigintFen.from(value) as number;

/** Person programs: every person either version would evaluate; otherwise the enterprise itself. */
function subjectsOf(programs: Programs, facts: FactIndex): (string | undefined)[] {
  const subjects = new Set(candidateSubjects(programs.candidate, facts));
  if (programs.baseline) for (const s of candidateSubjects(programs.baseline, facts)) subjects.add(s);
  return subjects.size === 0 ? [undefined] : [...subjects].sort();
}
