import { APP_CONFIG, AppConfig } from '@huiqi/config';
import {
  ApplicationTransitionService,
  applicationStream,
  stageAssignee,
} from '@huiqi/core/applications/application-transition.service';
import { AssignmentService, OfficerLoad, OFFICER_STATES } from '@huiqi/core/applications/assignment.service';
import { workflowParamsOf } from '@huiqi/core/applications/workflow-params';
import { AuditService } from '@huiqi/core/audit/audit.service';
import { LoadedProgram, ProgramCatalogService } from '@huiqi/core/catalog/program-catalog.service';
import { updateReturning } from '@huiqi/core/database/update-returning';
import { DomainError, DomainErrorCode } from '@huiqi/core/errors/domain-error';
import { hashPersonId } from '@huiqi/core/identity/person-id';
import { ApplicationEntity, EnterpriseEntity } from '@huiqi/database';
import { grantPeriodKey, validateForm, ValidatedForm } from '@huiqi/policies';
import {
  acceptedEventsFor,
  Actor,
  parseActionRequest,
  PersistedWorkflow,
  shanghaiDate,
  startWorkflow,
  SYSTEM_EVENT_TYPES,
  toActionType,
  WorkflowEvent,
  WorkflowEventType,
  WorkflowMode,
} from '@huiqi/workflow';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404, isInScope, scopeFilter } from '../auth/scope';
import { DocumentsService, toDocumentView } from '../documents/documents.service';
import { offsetOf, Page, pageOf } from '../http/pagination';
import {
  ApplicationView,
  ChainVerdictView,
  HistoryEventView,
  toDeadlineView,
  toHistoryView,
} from './application.views';
import {
  ApplicationActionDto,
  ApplicationListQueryDto,
  CreateApplicationDto,
  PublicityQueryDto,
  SubmitApplicationDto,
  UpdateApplicationDto,
} from './applications.dto';

/** Events recorded by the finance module or the worker, never through the generic actions endpoint. */
const NOT_HTTP_EVENTS: ReadonlySet<WorkflowEventType> = new Set<WorkflowEventType>([
  ...SYSTEM_EVENT_TYPES,
  'DISBURSEMENT_STARTED',
  'PAYMENT_SUCCEEDED',
  'PAYMENT_FAILED',
  'CLAWBACK_SETTLED',
]);

const EDITABLE_STATES = ['draft', 'amending'];
const PUBLIC_STATES = ['publicity', 'objection'];

function actorOf(p: Principal): Actor {
  return { userId: p.userId, role: p.role, enterpriseId: p.enterpriseId };
}

function persistedOf(app: ApplicationEntity): PersistedWorkflow {
  return { mode: app.mode as WorkflowMode, machineVersion: app.machineVersion, snapshot: app.snapshot };
}

/**
 * Who the grant is for, and what for: person and investor beneficiaries are identified from the form
 * (ID numbers only as hashes), the enterprise is itself; the program's dedupFormFields (a platform's
 * approval document, a project) are appended so each project is its own application.
 */
function beneficiaryOf(program: LoadedProgram, form: Record<string, unknown>, secret: string) {
  const base = beneficiaryBase(program, form, secret);
  const subject = program.definition.dedupFormFields.map((name) => {
    const value = form[name];
    return `${name}=${typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toLowerCase() : String(value ?? '')}`;
  });
  return subject.length ? { ...base, key: `${base.key}|${subject.join('|')}` } : base;
}

function beneficiaryBase(program: LoadedProgram, form: Record<string, unknown>, secret: string) {
  const kind = program.definition.beneficiary;
  const idNumber = typeof form.idNumber === 'string' ? form.idNumber : null;
  if (kind === 'person') {
    const hash = idNumber ? hashPersonId(idNumber, secret) : null;
    return { kind, key: hash ?? 'pending', personIdHash: hash };
  }
  if (kind === 'investor') {
    if (typeof form.investorCreditCode === 'string')
      return { kind, key: `uscc:${form.investorCreditCode.trim().toUpperCase()}`, personIdHash: null };
    if (typeof form.investorIdNumber === 'string')
      return { kind, key: `person:${hashPersonId(form.investorIdNumber, secret)}`, personIdHash: null };
    return { kind, key: 'pending', personIdHash: null };
  }
  return { kind, key: 'enterprise', personIdHash: null };
}

function formIssues(issues: { path: string; message: string }[]): DomainError {
  return new DomainError(
    DomainErrorCode.InvalidInput,
    `Invalid form: ${issues.map((i) => i.path).join(', ')}`,
    {},
    issues.map((i) => ({ field: i.path, messages: [i.message] })),
  );
}

/** Applications: create, edit, submit, act on, read, list; the state machine decides every change. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ProgramCatalogService,
    private readonly transitions: ApplicationTransitionService,
    private readonly assignment: AssignmentService,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts a draft pinned to the program version in force today. */
  async create(p: Principal, dto: CreateApplicationDto): Promise<ApplicationView> {
    const today = shanghaiDate(new Date());
    const program = await this.catalog.getCurrent(dto.programCode, today);
    if (program.row.zoneId !== p.zoneId) throw DomainError.notFound(`program ${dto.programCode}`);
    if (program.definition.mode === 'auto') {
      throw new DomainError(
        DomainErrorCode.Conflict,
        'This program is granted without application (免申即享): eligible enterprises receive an offer to confirm.',
        {},
        [
          {
            field: 'programCode',
            messages: ['programCode is granted automatically and cannot be applied for'],
          },
        ],
      );
    }
    await this.assertNotBlacklisted(this.dataSource.manager, p.enterpriseId!);
    const form = this.validateDraftForm(program, dto.form ?? {});
    const fiscalYear = dto.fiscalYear ?? Number(today.slice(0, 4));
    const id = randomUUID();
    const beneficiary = beneficiaryOf(program, form, this.config.idHashSecret);
    const started = startWorkflow(program.definition.mode, {
      applicationId: id,
      enterpriseId: p.enterpriseId!,
      params: workflowParamsOf(program),
      computedAmountFen: null,
    });
    await this.dataSource.transaction(async (m) => {
      await m.save(
        m.create(ApplicationEntity, {
          id,
          zoneId: program.row.zoneId,
          enterpriseId: p.enterpriseId!,
          programCode: program.row.code,
          programVersion: program.row.version,
          mode: program.definition.mode,
          beneficiaryKind: beneficiary.kind,
          beneficiaryKey: beneficiary.key,
          personIdHash: beneficiary.personIdHash,
          period: grantPeriodKey(program.compiled, fiscalYear),
          fiscalYear,
          state: started.state,
          machineVersion: started.persisted.machineVersion,
          snapshot: started.persisted.snapshot as Record<string, unknown>,
          version: 1,
          form,
          exclusivityGroup: program.definition.exclusivityGroup ?? null,
          exclusivityConflicts: [],
          createdBy: p.userId,
          updatedAt: new Date(),
        }),
      );
      await this.audit.append(m, {
        stream: applicationStream(id),
        zoneId: program.row.zoneId,
        enterpriseId: p.enterpriseId,
        actorId: p.userId,
        actorRole: p.role,
        action: 'created',
        toState: started.state,
        data: { programCode: program.row.code, programVersion: program.row.version, fiscalYear },
      });
    });
    return this.get(p, id);
  }

  /** Replaces the form while the application is a draft or returned for amendment. */
  async update(
    p: Principal,
    id: string,
    dto: UpdateApplicationDto,
    expectedVersion?: number,
  ): Promise<ApplicationView> {
    const app = await this.visible(p, id);
    if (!EDITABLE_STATES.includes(app.state)) {
      throw new DomainError(
        DomainErrorCode.TransitionNotAllowed,
        `The form can only change while draft or amending, not in ${app.state}`,
        {
          state: app.state,
        },
      );
    }
    const program = await this.catalog.getVersion(app.programCode, app.programVersion);
    const form = this.validateDraftForm(program, dto.form);
    const beneficiary = beneficiaryOf(program, form, this.config.idHashSecret);
    await this.dataSource.transaction(async (m) => {
      const result = await updateReturning(
        m,
        `UPDATE applications SET form = $3::jsonb, beneficiary_key = $4, person_id_hash = $5, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 AND state = ANY($6) RETURNING id`,
        [
          id,
          expectedVersion ?? app.version,
          JSON.stringify(form),
          beneficiary.key,
          beneficiary.personIdHash,
          EDITABLE_STATES,
        ],
      );
      if (result.length === 0) {
        throw new DomainError(
          DomainErrorCode.StaleVersion,
          'The application was changed by someone else; reload it and try again.',
        );
      }
      await this.audit.append(m, {
        stream: applicationStream(id),
        zoneId: app.zoneId,
        enterpriseId: app.enterpriseId,
        actorId: p.userId,
        actorRole: p.role,
        action: 'form.updated',
        data: { fields: Object.keys(form) },
      });
    });
    return this.get(p, id);
  }

  /**
   * Submits (or resubmits after amendment): the complete form and every mandatory document are
   * required, a barred enterprise is told why, and duplicates are refused by the database's unique
   * indexes (one open case per program and period; one talent award per person).
   */
  async submit(p: Principal, id: string, dto: SubmitApplicationDto): Promise<ApplicationView> {
    const app = await this.visible(p, id);
    const program = await this.catalog.getVersion(app.programCode, app.programVersion);
    const validated = validateForm(program.definition, app.form);
    if (!validated.ok) throw formIssues(validated.issues);
    const present = new Set((await this.documents.activeDocuments(id)).map((d) => d.documentType));
    const missing = program.definition.documents.filter((d) => d.mandatory && !present.has(d.type));
    if (missing.length > 0) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        `Missing mandatory documents: ${missing.map((d) => d.type).join(', ')}`,
        {},
        missing.map((d) => ({
          field: `documents.${d.type}`,
          messages: [`${d.title.en} (${d.title.zh}) is required`],
        })),
      );
    }
    const beneficiary = beneficiaryOf(program, validated.form, this.config.idHashSecret);
    const event: WorkflowEvent =
      app.state === 'amending'
        ? {
            type: 'RESUBMIT',
            ...(dto.commitmentSigned !== undefined ? { commitmentSigned: dto.commitmentSigned } : {}),
            ...(dto.comment ? { comment: dto.comment } : {}),
          }
        : {
            type: 'SUBMIT',
            ...(dto.commitmentSigned !== undefined ? { commitmentSigned: dto.commitmentSigned } : {}),
            ...(dto.comment ? { comment: dto.comment } : {}),
          };
    await this.dataSource.transaction(async (m) => {
      await this.assertNotBlacklisted(m, app.enterpriseId);
      const conflicts = await this.exclusivityConflicts(m, app);
      const result = await updateReturning(
        m,
        `UPDATE applications SET form = $3::jsonb, beneficiary_key = $4, person_id_hash = $5, exclusivity_conflicts = $6::jsonb
         WHERE id = $1 AND version = $2 RETURNING id`,
        [
          id,
          app.version,
          JSON.stringify(validated.form),
          beneficiary.key,
          beneficiary.personIdHash,
          JSON.stringify(conflicts),
        ],
      );
      if (result.length === 0) {
        throw new DomainError(
          DomainErrorCode.StaleVersion,
          'The application was changed by someone else; reload it and try again.',
        );
      }
      await this.transitions.apply(m, id, event, actorOf(p), { expectedVersion: app.version });
    });
    return this.get(p, id);
  }

  /** One endpoint for every workflow event; 409 when the state does not take it, 403 when the caller may not send it. */
  async act(
    p: Principal,
    id: string,
    dto: ApplicationActionDto,
    expectedVersion?: number,
  ): Promise<ApplicationView> {
    const parsed = parseActionRequest(
      Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)),
    );
    if (!parsed.ok) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        `Invalid action: ${parsed.issues.map((i) => i.field).join(', ')}`,
        {},
        parsed.issues.map((i) => ({ field: i.field, messages: [i.message] })),
      );
    }
    const event = parsed.event;
    if (NOT_HTTP_EVENTS.has(event.type)) {
      throw new DomainError(
        DomainErrorCode.TransitionForbidden,
        `${toActionType(event.type)} is recorded by the ${event.type.startsWith('PAYMENT') || event.type.startsWith('DISBURSEMENT') || event.type === 'CLAWBACK_SETTLED' ? 'finance module (batches and bank statements)' : 'system'}, not through this endpoint`,
      );
    }
    const app = await this.dataSource.getRepository(ApplicationEntity).findOne({ where: { id } });
    // Publicity (公示) is public: anyone logged in may object to an application in it.
    const publicObjection = event.type === 'OBJECT' && app !== null && PUBLIC_STATES.includes(app.state);
    if (!publicObjection) this.requireVisible(p, app);
    if (event.type === 'CONFIRM') await this.assertBankAccount(app!.enterpriseId);
    await this.dataSource.transaction((m) =>
      this.transitions.apply(m, id, event, actorOf(p), { expectedVersion }),
    );
    return publicObjection && !isInScope(p, app!) ? this.publicView(app!.id) : this.get(p, id);
  }

  async get(p: Principal, id: string): Promise<ApplicationView> {
    // The application with its enterprise's name and zone's code in one query (every mutation answers
    // with this view, so it is on the hot path of create, submit and every action).
    const { entities, raw } = await this.dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .innerJoin('enterprises', 'e', 'e.id = a.enterprise_id')
      .innerJoin('zones', 'z', 'z.id = a.zone_id')
      .addSelect(['e.name AS enterprise_name', 'z.code AS zone_code'])
      .where('a.id = :id', { id })
      .getRawAndEntities();
    const app = this.requireVisible(p, entities[0] ?? null);
    const names = raw[0] as { enterprise_name: string; zone_code: string };
    const docs = await this.documents.activeDocuments(id);
    const staff = p.role !== 'enterprise';
    return {
      ...this.baseView(app, names.zone_code, names.enterprise_name),
      availableActions: this.availableActions(p, app),
      evidence: app.evidence ?? undefined,
      documents: docs.map(toDocumentView),
      ...(staff ? { exclusivityConflicts: app.exclusivityConflicts } : {}),
    };
  }

  async list(p: Principal, q: ApplicationListQueryDto): Promise<Page<ApplicationView>> {
    const scope = scopeFilter(p);
    const qb = this.dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .innerJoin('enterprises', 'e', 'e.id = a.enterprise_id')
      .innerJoin('zones', 'z', 'z.id = a.zone_id')
      .addSelect(['e.name AS enterprise_name', 'z.code AS zone_code'])
      .orderBy('a.stage_due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('a.created_at', 'DESC')
      .offset(offsetOf(q))
      .limit(q.pageSize);
    if (scope.zoneId) qb.andWhere('a.zone_id = :zoneId', { zoneId: scope.zoneId });
    if (scope.enterpriseId)
      qb.andWhere('a.enterprise_id = :enterpriseId', { enterpriseId: scope.enterpriseId });
    if (p.role !== 'enterprise') qb.andWhere(`a.state <> 'draft'`);
    if (q.state?.length) qb.andWhere('a.state IN (:...states)', { states: q.state });
    if (q.programCode) qb.andWhere('a.program_code = :programCode', { programCode: q.programCode });
    if (q.mode) qb.andWhere('a.mode = :mode', { mode: q.mode });
    if (q.enterpriseId)
      qb.andWhere('a.enterprise_id = :filterEnterprise', { filterEnterprise: q.enterpriseId });
    if (q.overdue !== undefined)
      qb.andWhere(
        q.overdue ? 'a.stage_due_at < now()' : '(a.stage_due_at IS NULL OR a.stage_due_at >= now())',
      );
    if (q.assignedToMe) qb.andWhere('a.assignee_id = :me', { me: p.userId });
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    const items = entities.map((app, i) => {
      const r = raw[i] as { enterprise_name: string; zone_code: string };
      return {
        ...this.baseView(app, r.zone_code, r.enterprise_name),
        availableActions: this.availableActions(p, app),
      };
    });
    return pageOf(items, total, q);
  }

  async history(p: Principal, id: string): Promise<HistoryEventView[]> {
    await this.visible(p, id);
    const events = await this.audit.list(this.dataSource.manager, applicationStream(id));
    const actorIds = [...new Set(events.map((e) => e.actorId).filter((a): a is string => !!a))];
    const names = new Map<string, string>(
      actorIds.length
        ? (
            (await this.dataSource.query('SELECT id, display_name FROM users WHERE id = ANY($1)', [
              actorIds,
            ])) as { id: string; display_name: string }[]
          ).map((u) => [u.id, u.display_name])
        : [],
    );
    return events.map((e) => toHistoryView(e, e.actorId ? (names.get(e.actorId) ?? null) : null));
  }

  async verifyChain(p: Principal, id: string): Promise<ChainVerdictView> {
    await this.visible(p, id);
    return this.audit.verify(this.dataSource.manager, applicationStream(id));
  }

  /** An officer takes an item, or hands it back to be re-balanced to the least-loaded colleague. */
  async assign(p: Principal, id: string, action: 'take' | 'release'): Promise<ApplicationView> {
    const app = await this.visible(p, id);
    if (!(OFFICER_STATES as readonly string[]).includes(app.state)) {
      throw new DomainError(
        DomainErrorCode.TransitionNotAllowed,
        `Only work waiting for an officer can be assigned, not ${app.state}`,
        {
          state: app.state,
        },
      );
    }
    if (action === 'release' && app.assigneeId !== p.userId) {
      throw new DomainError(DomainErrorCode.Forbidden, 'Only the assigned officer can hand an item back');
    }
    await this.dataSource.transaction(async (m) => {
      const next =
        action === 'take'
          ? p.userId
          : ((await this.assignment.loads(m, app.zoneId)).find((l) => l.officerId !== p.userId)?.officerId ??
            null);
      const result = await updateReturning(
        m,
        `UPDATE applications SET assignee_id = $3, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id`,
        [id, app.version, next],
      );
      if (result.length === 0)
        throw new DomainError(
          DomainErrorCode.StaleVersion,
          'The application changed meanwhile; reload and retry.',
        );
      await m.query(
        `UPDATE application_stage_log SET assignee_id = $2 WHERE application_id = $1 AND left_at IS NULL`,
        [id, next],
      );
      await this.audit.append(m, {
        stream: applicationStream(id),
        zoneId: app.zoneId,
        enterpriseId: app.enterpriseId,
        actorId: p.userId,
        actorRole: p.role,
        action: action === 'take' ? 'assignment.taken' : 'assignment.released',
        data: { from: app.assigneeId, to: next },
      });
    });
    return this.get(p, id);
  }

  inboxLoads(p: Principal): Promise<OfficerLoad[]> {
    return this.assignment.loads(this.dataSource.manager, p.zoneId!);
  }

  /** The publicity list (公示): public to anyone logged in, with only what a publication shows. */
  async publicity(p: Principal, q: PublicityQueryDto): Promise<Page<Record<string, unknown>>> {
    const zoneCode =
      q.zone ?? (await this.dataSource.query('SELECT code FROM zones WHERE id = $1', [p.zoneId]))[0]?.code;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT a.id, a.reference, a.program_code AS "programCode", a.approved_amount_fen::bigint AS "approvedAmountFen",
              e.name AS "enterpriseName", e.uscc, a.state, a.stage_due_at AS "publicityEndsAt", count(*) OVER () AS total
       FROM applications a JOIN enterprises e ON e.id = a.enterprise_id JOIN zones z ON z.id = a.zone_id
       WHERE z.code = $1 AND a.state = ANY($2) ORDER BY a.stage_due_at NULLS LAST, a.reference LIMIT $3 OFFSET $4`,
      [zoneCode ?? '', PUBLIC_STATES, q.pageSize, offsetOf(q)],
    );
    const total = Number(rows[0]?.total ?? 0);
    return pageOf(
      rows.map(({ total: _t, approvedAmountFen, ...r }) => ({
        ...r,
        approvedAmountFen: approvedAmountFen === null ? null : Number(approvedAmountFen),
      })),
      total,
      q,
    );
  }

  private async publicView(id: string): Promise<ApplicationView> {
    const app = await this.dataSource.getRepository(ApplicationEntity).findOneByOrFail({ id });
    const enterprise = await this.dataSource
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ id: app.enterpriseId });
    const zone: { code: string }[] = await this.dataSource.query('SELECT code FROM zones WHERE id = $1', [
      app.zoneId,
    ]);
    return { ...this.baseView(app, zone[0].code, enterprise.name), form: {}, availableActions: [] };
  }

  private baseView(
    app: ApplicationEntity,
    zoneCode: string,
    enterpriseName: string,
  ): Omit<ApplicationView, 'availableActions'> {
    return {
      id: app.id,
      reference: app.reference,
      zoneCode,
      enterpriseId: app.enterpriseId,
      enterpriseName,
      programCode: app.programCode,
      programVersion: app.programVersion,
      mode: app.mode,
      state: app.state,
      version: app.version,
      fiscalYear: app.fiscalYear,
      period: app.period,
      beneficiaryKind: app.beneficiaryKind,
      parentId: app.parentId,
      installmentIndex: app.installmentIndex,
      form: app.form,
      computedAmountFen: app.computedAmountFen,
      approvedAmountFen: app.approvedAmountFen,
      paidAmountFen: app.paidAmountFen,
      deadline: toDeadlineView(app),
      assigneeId: app.assigneeId,
      submittedAt: app.submittedAt,
      approvedAt: app.approvedAt,
      paidAt: app.paidAt,
      createdAt: app.createdAt,
      updatedAt: app.updatedAt,
    };
  }

  private availableActions(p: Principal, app: ApplicationEntity): string[] {
    return acceptedEventsFor(persistedOf(app), actorOf(p), { assigneeId: stageAssignee(app) })
      .filter((t) => !NOT_HTTP_EVENTS.has(t))
      .map(toActionType)
      .filter((t) => !(t === 'submit' || t === 'resubmit') || p.role === 'enterprise');
  }

  /** In scope and, for staff, past draft (a draft is the enterprise's private work). */
  private async visible(p: Principal, id: string): Promise<ApplicationEntity> {
    const app = await this.dataSource.getRepository(ApplicationEntity).findOne({ where: { id } });
    return this.requireVisible(p, app);
  }

  private requireVisible(p: Principal, app: ApplicationEntity | null): ApplicationEntity {
    const row = inScopeOr404(p, app, 'application');
    if (row.state === 'draft' && p.role !== 'enterprise' && p.role !== 'admin')
      throw DomainError.notFound('application');
    return row;
  }

  private validateDraftForm(program: LoadedProgram, form: Record<string, unknown>): ValidatedForm {
    // A draft may be incomplete: every field optional, but each given value must be valid.
    const relaxed = { formFields: program.definition.formFields.map((f) => ({ ...f, required: false })) };
    const result = validateForm(relaxed, form);
    if (!result.ok) throw formIssues(result.issues);
    return result.form;
  }

  private async assertNotBlacklisted(m: EntityManager, enterpriseId: string): Promise<void> {
    const rows: { reason: string; barred_until: Date }[] = await m.query(
      `SELECT reason, barred_until FROM enterprise_blacklist
       WHERE enterprise_id = $1 AND lifted_at IS NULL AND barred_until > now() ORDER BY barred_until DESC LIMIT 1`,
      [enterpriseId],
    );
    if (rows.length > 0) {
      throw new DomainError(
        DomainErrorCode.Blacklisted,
        `The enterprise is barred from new applications until ${rows[0].barred_until.toISOString().slice(0, 10)} (${rows[0].reason}).`,
        { barredUntil: rows[0].barred_until.toISOString(), reason: rows[0].reason },
      );
    }
  }

  private async assertBankAccount(enterpriseId: string): Promise<void> {
    const e = await this.dataSource.getRepository(EnterpriseEntity).findOneByOrFail({ id: enterpriseId });
    if (!e.bankAccountNo) {
      throw new DomainError(
        DomainErrorCode.Unprocessable,
        'Set the enterprise bank account before confirming a grant.',
        {},
        [
          {
            field: 'bankAccount',
            messages: ['the enterprise has no bank account (PUT /enterprises/{id}/bank-account)'],
          },
        ],
      );
    }
  }

  /** Other active cases of the enterprise in the same exclusivity group and period, for the reviewer. */
  private async exclusivityConflicts(m: EntityManager, app: ApplicationEntity): Promise<unknown[]> {
    if (!app.exclusivityGroup) return [];
    return m.query(
      `SELECT id AS "applicationId", reference, program_code AS "programCode", state,
              coalesce(approved_amount_fen, computed_amount_fen)::bigint::text AS "amountFen"
       FROM applications
       WHERE enterprise_id = $1 AND exclusivity_group = $2 AND id <> $3 AND period IN ($4, 'once')
         AND state NOT IN ('draft','rejected','withdrawn','expired','cancelled','revoked','declined','lapsed')`,
      [app.enterpriseId, app.exclusivityGroup, app.id, app.period],
    );
  }
}
