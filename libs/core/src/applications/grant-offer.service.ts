import { ApplicationEntity } from '@huiqi/database';
import { Evaluation, grantPeriodKey } from '@huiqi/policies';
import { addWorkingDays, Effect, startWorkflow, WorkingCalendar } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuditAppend, AuditService } from '../audit/audit.service';
import { WorkingCalendarService } from '../calendar/working-calendar.service';
import { LoadedProgram } from '../catalog/program-catalog.service';
import { OutboxItem, OutboxService } from '../outbox/outbox.service';
import { ApplicationEffectsService } from './application-effects.service';
import { applicationStream } from './application-transition.service';
import { notificationJob, stageDeadlineJobs } from './effect-jobs';
import { slaWorkingDays } from './sla';
import { workflowParamsOf } from './workflow-params';

export interface OfferInput {
  enterpriseId: string;
  zoneId: string;
  zoneCode: string;
  program: LoadedProgram;
  /** The evaluation that justified the offer; stored as its evidence and never rewritten. */
  evaluation: Evaluation;
  fiscalYear: number;
  /** For person beneficiaries: the person's hashed ID number (the evaluation's subject). */
  subject?: string | null;
  /** For one installment of a multi-year grant: the plan's first case and this installment's number. */
  installment?: { parentId: string; index: number };
  /** Who caused it: a sweep, a targeted check, an installment schedule. */
  origin: Record<string, unknown>;
}

export type OfferResult =
  { created: true; application: ApplicationEntity } | { created: false; existingId: string | null };

/**
 * The unique indexes that make an offer a duplicate: invariant 5; one auto grant per program and period
 * whatever the version (a one-off award once, a yearly one once a year); installments; one award per person.
 */
const DEDUP_INDEXES = new Set([
  'uq_applications_auto_grant',
  'uq_applications_auto_grant_period',
  'uq_applications_installment',
  'uq_applications_person_award',
]);

/** Rows per multi-row insert (about 20 parameters each, far below Postgres's 65,535). */
const BULK_ROWS = 500;

/** An offer ready to write: its row, its audit event and what its machine's start asks for. */
interface PreparedOffer {
  input: OfferInput;
  row: Record<string, unknown>;
  audit: AuditAppend;
  effects: Effect[];
}

const COLUMNS = [
  'id',
  'zone_id',
  'enterprise_id',
  'program_code',
  'program_version',
  'mode',
  'beneficiary_kind',
  'beneficiary_key',
  'person_id_hash',
  'period',
  'fiscal_year',
  'parent_id',
  'installment_index',
  'state',
  'machine_version',
  'snapshot',
  'computed_amount_fen',
  'evidence',
  'exclusivity_group',
] as const;

/**
 * Offers auto grants (免申即享): creates each case in `offered` with the evaluation as evidence, starts
 * its confirmation deadline and notifies the enterprise, in the caller's transaction. Idempotent: the
 * database's unique indexes decide, so however often or however concurrently a sweep runs, one
 * (enterprise, program, period, beneficiary) gets at most one offer.
 */
@Injectable()
export class GrantOfferService {
  constructor(
    private readonly audit: AuditService,
    private readonly effects: ApplicationEffectsService,
    private readonly calendars: WorkingCalendarService,
    private readonly outbox: OutboxService,
  ) {}

  /** One offer. A duplicate answers `created: false` and leaves the transaction usable (a savepoint absorbs it). */
  async offer(manager: EntityManager, input: OfferInput): Promise<OfferResult> {
    const prepared = prepare(input);
    const inserted = await this.insertUnlessDuplicate(manager, prepared.row);
    if (!inserted) return { created: false, existingId: null };
    const application = (await manager.findOne(ApplicationEntity, {
      where: { id: prepared.row.id as string },
    })) as ApplicationEntity;
    const auditEvent = await this.audit.append(manager, prepared.audit);
    await this.effects.run(
      {
        manager,
        application,
        actor: { userId: null, role: 'system' },
        auditSeq: auditEvent.seq,
        zoneCode: input.zoneCode,
      },
      prepared.effects,
    );
    return { created: true, application };
  }

  /**
   * Many offers (a sweep batch) in a handful of statements instead of a dozen round trips each: the
   * cases in multi-row inserts that skip duplicates (`ON CONFLICT DO NOTHING`: any of the dedup
   * indexes), their first audit events, stage log rows and outbox jobs likewise. The effects written
   * are exactly those of `offer` (the auto machine's start: the offer deadline and a notification).
   * Results are in input order.
   */
  async offerMany(manager: EntityManager, inputs: OfferInput[]): Promise<OfferResult[]> {
    const prepared = inputs.map(prepare);
    const now = new Date();
    const calendars = new Map<string, WorkingCalendar>();
    for (const p of prepared) {
      if (!calendars.has(p.input.zoneCode)) {
        calendars.set(p.input.zoneCode, await this.calendars.forZone(p.input.zoneCode, manager));
      }
    }
    const stages = prepared.map((p) => stageOf(p, now, calendars.get(p.input.zoneCode)!));
    const created = new Set<string>();
    for (let i = 0; i < prepared.length; i += BULK_ROWS) {
      const chunk = prepared.slice(i, i + BULK_ROWS);
      for (const id of await this.insertMany(manager, chunk, stages.slice(i, i + BULK_ROWS))) created.add(id);
    }
    const fresh = prepared.filter((p) => created.has(p.row.id as string));
    const freshStages = stages.filter((_, i) => created.has(prepared[i].row.id as string));
    await this.audit.appendFirst(
      manager,
      fresh.map((p) => p.audit),
    );
    await this.insertStageLog(manager, fresh, freshStages);
    const jobs: OutboxItem[] = [];
    fresh.forEach((p, i) => jobs.push(...jobsOf(p, freshStages[i])));
    await this.outbox.enqueue(manager, jobs);
    const applications = new Map(
      (fresh.length
        ? await manager.find(ApplicationEntity, { where: { id: In(fresh.map((p) => p.row.id as string)) } })
        : []
      ).map((a) => [a.id, a]),
    );
    return prepared.map((p) => {
      const application = applications.get(p.row.id as string);
      return application
        ? { created: true as const, application }
        : { created: false as const, existingId: null };
    });
  }

  private async insertMany(
    manager: EntityManager,
    chunk: PreparedOffer[],
    stages: StageEntry[],
  ): Promise<string[]> {
    const columns = [...COLUMNS, 'stage', 'stage_started_at', 'stage_due_at'];
    const values: unknown[] = [];
    const tuples = chunk.map((p, i) => {
      const row = [
        ...COLUMNS.map((c) => columnValue(p.row, c)),
        stages[i].stage,
        stages[i].startedAt,
        stages[i].dueAt,
      ];
      const first = values.length;
      values.push(...row);
      return `(${row.map((_, j) => `$${first + j + 1}`).join(', ')})`;
    });
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO applications (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING id`,
      values,
    );
    return rows.map((r) => r.id);
  }

  private async insertStageLog(
    manager: EntityManager,
    offers: PreparedOffer[],
    stages: StageEntry[],
  ): Promise<void> {
    for (let i = 0; i < offers.length; i += BULK_ROWS) {
      const values: unknown[] = [];
      const tuples = offers.slice(i, i + BULK_ROWS).map((p, j) => {
        const s = stages[i + j];
        values.push(p.row.id, p.row.zoneId, s.stage, s.startedAt, s.dueAt);
        const o = values.length - 5;
        return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5})`;
      });
      if (tuples.length === 0) return;
      await manager.query(
        `INSERT INTO application_stage_log (application_id, zone_id, stage, entered_at, due_at) VALUES ${tuples.join(', ')}`,
        values,
      );
    }
  }

  private async insertUnlessDuplicate(
    manager: EntityManager,
    row: Record<string, unknown>,
  ): Promise<boolean> {
    const values = COLUMNS.map((c) => columnValue(row, c));
    await manager.query('SAVEPOINT grant_offer');
    try {
      await manager.query(
        `INSERT INTO applications (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
        values,
      );
      await manager.query('RELEASE SAVEPOINT grant_offer');
      return true;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT grant_offer');
      const { code, constraint } =
        (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? {};
      if (code === '23505' && constraint && DEDUP_INDEXES.has(constraint)) return false;
      throw error;
    }
  }
}

/** Checks an offer and computes everything about it that needs no database. */
function prepare(input: OfferInput): PreparedOffer {
  const { program, evaluation } = input;
  if (program.definition.mode !== 'auto') throw new Error(`${program.row.code} is not an auto program`);
  const amountFen = evaluation.amountFen;
  if (!evaluation.eligible || amountFen === null || amountFen <= 0) {
    throw new Error(`offer for ${program.row.code} needs an eligible evaluation with an amount`);
  }
  const person = program.definition.beneficiary === 'person';
  if (person && !input.subject) throw new Error('a person grant needs its subject');
  const id = randomUUID();
  const started = startWorkflow('auto', {
    applicationId: id,
    enterpriseId: input.enterpriseId,
    params: workflowParamsOf(program),
    computedAmountFen: amountFen,
  });
  return {
    input,
    effects: started.effects,
    row: {
      id,
      zoneId: input.zoneId,
      enterpriseId: input.enterpriseId,
      programCode: program.row.code,
      programVersion: program.row.version,
      mode: 'auto',
      beneficiaryKind: program.definition.beneficiary,
      beneficiaryKey: person ? input.subject : 'enterprise',
      personIdHash: person ? input.subject : null,
      period: grantPeriodKey(program.compiled, input.fiscalYear),
      fiscalYear: input.fiscalYear,
      parentId: input.installment?.parentId ?? null,
      installmentIndex: input.installment?.index ?? null,
      state: started.state,
      machineVersion: started.persisted.machineVersion,
      snapshot: started.persisted.snapshot,
      computedAmountFen: amountFen,
      evidence: evaluation,
      exclusivityGroup: program.definition.exclusivityGroup ?? null,
    },
    audit: {
      stream: applicationStream(id),
      zoneId: input.zoneId,
      enterpriseId: input.enterpriseId,
      actorId: null,
      actorRole: 'system',
      action: 'offered',
      toState: started.state,
      amountFen,
      data: {
        programCode: program.row.code,
        programVersion: program.row.version,
        fiscalYear: input.fiscalYear,
        ...input.origin,
      },
    },
  };
}

interface StageEntry {
  stage: string;
  startedAt: Date;
  dueAt: Date;
}

/** The offer's confirmation stage, from the machine's `start-stage-deadline` effect. */
function stageOf(p: PreparedOffer, now: Date, calendar: WorkingCalendar): StageEntry {
  const deadline = p.effects.find((e) => e.type === 'start-stage-deadline');
  const unsupported = p.effects.find((e) => e.type !== 'start-stage-deadline' && e.type !== 'notify');
  if (!deadline || deadline.type !== 'start-stage-deadline' || unsupported) {
    throw new Error(
      `the auto machine's start has effects the bulk path does not write: ${p.effects.map((e) => e.type).join(', ')}`,
    );
  }
  const days = slaWorkingDays(p.input.program.settings, deadline.slaKey);
  return { stage: deadline.stage, startedAt: now, dueAt: addWorkingDays(now, days, calendar) };
}

/** The outbox jobs of an offer's start: its deadline and its notifications (audit event 1). */
function jobsOf(p: PreparedOffer, stage: StageEntry): OutboxItem[] {
  const jobs: OutboxItem[] = [];
  for (const effect of p.effects) {
    if (effect.type === 'start-stage-deadline') {
      jobs.push(
        ...stageDeadlineJobs({
          applicationId: p.row.id as string,
          stage: effect.stage,
          round: effect.round,
          onExpiry: effect.onExpiry,
          now: stage.startedAt,
          dueAt: stage.dueAt,
        }),
      );
    } else if (effect.type === 'notify') {
      jobs.push(notificationJob(p.row.id as string, effect.template, effect.audience, 1));
    }
  }
  return jobs;
}

const CAMEL: Record<(typeof COLUMNS)[number], string> = {
  id: 'id',
  zone_id: 'zoneId',
  enterprise_id: 'enterpriseId',
  program_code: 'programCode',
  program_version: 'programVersion',
  mode: 'mode',
  beneficiary_kind: 'beneficiaryKind',
  beneficiary_key: 'beneficiaryKey',
  person_id_hash: 'personIdHash',
  period: 'period',
  fiscal_year: 'fiscalYear',
  parent_id: 'parentId',
  installment_index: 'installmentIndex',
  state: 'state',
  machine_version: 'machineVersion',
  snapshot: 'snapshot',
  computed_amount_fen: 'computedAmountFen',
  evidence: 'evidence',
  exclusivity_group: 'exclusivityGroup',
};

function columnValue(row: Record<string, unknown>, column: (typeof COLUMNS)[number]): unknown {
  const value = row[CAMEL[column]];
  return column === 'snapshot' || column === 'evidence' ? JSON.stringify(value) : value;
}
