import { LocalizedText, text } from '@huiqi/common';
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
import { actionLabel, stateLabel } from '@huiqi/core/i18n/workflow-labels';
import { IdNumberProtector } from '@huiqi/core/identity/id-number-protection';
import { hashPersonId } from '@huiqi/core/identity/person-id';
import { ApplicationEntity, EnterpriseEntity } from '@huiqi/database';
import { grantPeriodKey, validateForm, ValidatedForm } from '@huiqi/policies';
import {
  acceptedEventsFor,
  Actor,
  contextOf,
  MissingFact,
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
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404, isInScope } from '../auth/scope';
import { DocumentsService, toDocumentView } from '../documents/documents.service';
import { offsetOf, Page, pageOf } from '../http/pagination';
import { applyInboxFilters, applyInboxSort, resolveInboxSearch } from '../inbox/inbox-filter';
import { InboxQueryDto } from '../inbox/inbox.dto';
import { DeadlineCountdowns } from '../inbox/deadline-countdowns';
import { mayObject, PUBLIC_STATES } from '../publicity/objection-policy';
import { anonymiseExpertReview } from './expert-anonymity';
import {
  ApplicationView,
  ChainVerdictView,
  HistoryEventView,
  toDeadlineView,
  toHistoryView,
} from './application.views';
import { mergePatch } from './merge-patch';
import {
  ApplicationActionDto,
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

/** States the duplicate indexes leave out (uq_applications_active_per_period, uq_applications_person_award). */
const INACTIVE_STATES = `('rejected','withdrawn','expired','cancelled','revoked','declined','lapsed')`;

const DUPLICATE_CONSTRAINTS = ['uq_applications_active_per_period', 'uq_applications_person_award'] as const;

function duplicateConstraint(error: unknown): (typeof DUPLICATE_CONSTRAINTS)[number] | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driver = error.driverError as { code?: string; constraint?: string };
  if (driver.code !== '23505') return undefined;
  return DUPLICATE_CONSTRAINTS.find((c) => c === driver.constraint);
}

/** What screening found missing, while the case waits in amendment for it (empty otherwise). */
function missingFactsOfCase(app: ApplicationEntity): MissingFact[] {
  if (app.state !== 'amending') return [];
  const screening = contextOf(persistedOf(app)).screening;
  return screening?.result === 'incomplete' ? (screening.missingFacts ?? []) : [];
}

function formIssues(issues: { path: string; message: string; text?: LocalizedText }[]): DomainError {
  return new DomainError(
    DomainErrorCode.InvalidInput,
    text('error.invalid-form', { fields: issues.map((i) => i.path).join(', ') }),
    {},
    issues.map((i) => ({ field: i.path, messages: [i.text ?? i.message] })),
  );
}

/** The program's resident-ID form fields (type `id_number`): stored sealed, shown masked. */
function idFieldsOf(program: LoadedProgram): string[] {
  return program.definition.formFields.filter((f) => f.type === 'id_number').map((f) => f.name);
}

/** The form members stored sealed (whatever program version wrote them). */
function sealedFieldsOf(form: Record<string, unknown>): string[] {
  return Object.keys(form).filter((k) => IdNumberProtector.isProtected(form[k]));
}

/** Reviewers of the case's zone see resident ID numbers in full (each such read is audited). */
const ID_REVIEWER_ROLES: ReadonlySet<string> = new Set(['officer', 'director']);

/** Applications: create, edit, submit, act on, read, list; the state machine decides every change. */
@Injectable()
export class ApplicationsService {
  private readonly ids: IdNumberProtector;

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ProgramCatalogService,
    private readonly transitions: ApplicationTransitionService,
    private readonly assignment: AssignmentService,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
    private readonly countdowns: DeadlineCountdowns,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.ids = new IdNumberProtector(config.idHashSecret);
  }

  /** Starts a draft pinned to the program version in force today. */
  async create(p: Principal, dto: CreateApplicationDto): Promise<ApplicationView> {
    const today = shanghaiDate(new Date());
    const program = await this.catalog.getCurrent(dto.programCode, today);
    if (program.row.zoneId !== p.zoneId) throw DomainError.notFound('program', dto.programCode);
    if (program.definition.mode === 'auto') {
      throw new DomainError(DomainErrorCode.Conflict, text('error.program-is-auto'), {}, [
        {
          field: 'programCode',
          messages: [text('error.program-is-auto-field')],
        },
      ]);
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
          form: this.ids.protectFields(form, idFieldsOf(program)),
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

  /** Merges a JSON Merge Patch (RFC 7396) into the form while draft or returned for amendment. */
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
        text('error.form-locked', { state: stateLabel(app.state) }),
        {
          state: app.state,
        },
      );
    }
    const program = await this.catalog.getVersion(app.programCode, app.programVersion);
    // RFC 7396: the body's form is merged into the stored one; a null member removes that field.
    const current = this.ids.revealFields(app.form, sealedFieldsOf(app.form));
    const merged = mergePatch(current, dto.form) as Record<string, unknown>;
    const form = this.validateDraftForm(program, merged);
    const beneficiary = beneficiaryOf(program, form, this.config.idHashSecret);
    await this.dataSource.transaction(async (m) => {
      const result = await updateReturning(
        m,
        `UPDATE applications SET form = $3::jsonb, beneficiary_key = $4, person_id_hash = $5, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 AND state = ANY($6) RETURNING id`,
        [
          id,
          expectedVersion ?? app.version,
          JSON.stringify(this.ids.protectFields(form, idFieldsOf(program))),
          beneficiary.key,
          beneficiary.personIdHash,
          EDITABLE_STATES,
        ],
      );
      if (result.length === 0) {
        throw new DomainError(DomainErrorCode.StaleVersion, text('error.stale-application'));
      }
      await this.audit.append(m, {
        stream: applicationStream(id),
        zoneId: app.zoneId,
        enterpriseId: app.enterpriseId,
        actorId: p.userId,
        actorRole: p.role,
        action: 'form.updated',
        data: { fields: Object.keys(dto.form) },
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
    const validated = validateForm(
      program.definition,
      this.ids.revealFields(app.form, sealedFieldsOf(app.form)),
    );
    if (!validated.ok) throw formIssues(validated.issues);
    const present = new Set((await this.documents.activeDocuments(id)).map((d) => d.documentType));
    const missing = program.definition.documents.filter((d) => d.mandatory && !present.has(d.type));
    if (missing.length > 0) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        text('error.missing-documents', {
          types: { zh: missing.map((d) => d.title.zh).join('、'), en: missing.map((d) => d.type).join(', ') },
        }),
        {},
        missing.map((d) => ({
          field: `documents.${d.type}`,
          messages: [
            text('error.document-required', {
              title: { zh: d.title.zh, en: `${d.title.en} (${d.title.zh})` },
            }),
          ],
        })),
      );
    }
    const beneficiary = beneficiaryOf(program, validated.form, this.config.idHashSecret);
    const event: WorkflowEvent =
      app.state === 'amending'
        ? {
            type: 'RESUBMIT',
            ...(dto.commitmentSigned != null ? { commitmentSigned: dto.commitmentSigned } : {}),
            ...(dto.comment ? { comment: dto.comment } : {}),
          }
        : {
            type: 'SUBMIT',
            ...(dto.commitmentSigned != null ? { commitmentSigned: dto.commitmentSigned } : {}),
            ...(dto.comment ? { comment: dto.comment } : {}),
          };
    await this.refuseDuplicates(app, () =>
      this.dataSource.transaction(async (m) => {
        await this.assertNotBlacklisted(m, app.enterpriseId);
        const conflicts = await this.exclusivityConflicts(m, app);
        const result = await updateReturning(
          m,
          `UPDATE applications SET form = $3::jsonb, beneficiary_key = $4, person_id_hash = $5, exclusivity_conflicts = $6::jsonb
         WHERE id = $1 AND version = $2 RETURNING id`,
          [
            id,
            app.version,
            JSON.stringify(this.ids.protectFields(validated.form, idFieldsOf(program))),
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
      }),
    );
    return this.get(p, id);
  }

  /**
   * Runs a submission; when the database refuses it as a duplicate, answers 409 naming the existing
   * case — only when it belongs to the same enterprise (one person, one award spans enterprises, and
   * another enterprise's case is never revealed).
   */
  private async refuseDuplicates(app: ApplicationEntity, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      const constraint = duplicateConstraint(error);
      if (!constraint) throw error;
      const existing: { id: string; reference: string; enterprise_id: string }[] =
        constraint === 'uq_applications_active_per_period'
          ? await this.dataSource.query(
              `SELECT id, reference, enterprise_id FROM applications
               WHERE enterprise_id = $1 AND program_code = $2 AND period = $3 AND beneficiary_key = $4
                 AND id <> $5 AND mode <> 'auto' AND parent_id IS NULL AND state <> 'draft'
                 AND state NOT IN ${INACTIVE_STATES}
               ORDER BY created_at LIMIT 1`,
              [app.enterpriseId, app.programCode, app.period, app.beneficiaryKey, app.id],
            )
          : await this.dataSource.query(
              `SELECT a.id, a.reference, a.enterprise_id FROM applications a, applications me
               WHERE me.id = $1 AND a.program_code = me.program_code AND a.person_id_hash = me.person_id_hash
                 AND a.id <> me.id AND a.parent_id IS NULL AND a.state <> 'draft'
                 AND a.state NOT IN ${INACTIVE_STATES}
               ORDER BY a.created_at LIMIT 1`,
              [app.id],
            );
      const own = existing.find((e) => e.enterprise_id === app.enterpriseId);
      const message =
        constraint === 'uq_applications_active_per_period'
          ? text('unique.active-application')
          : text('unique.person-award');
      throw new DomainError(
        DomainErrorCode.AlreadyExists,
        own ? { zh: `${message.zh}：${own.reference}`, en: `${message.en}: ${own.reference}` } : message,
        own ? { existingApplicationId: own.id, existingReference: own.reference } : {},
        [
          {
            field: constraint === 'uq_applications_active_per_period' ? 'programCode' : 'form.idNumber',
            messages: [message],
          },
        ],
      );
    }
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
        text('error.invalid-action', { fields: parsed.issues.map((i) => i.field).join(', ') }),
        {},
        parsed.issues.map((i) => ({ field: i.field, messages: [i.message] })),
      );
    }
    const event = parsed.event;
    if (NOT_HTTP_EVENTS.has(event.type)) {
      throw new DomainError(
        DomainErrorCode.TransitionForbidden,
        text(
          event.type.startsWith('PAYMENT') ||
            event.type.startsWith('DISBURSEMENT') ||
            event.type === 'CLAWBACK_SETTLED'
            ? 'error.action-by-finance'
            : 'error.action-by-system',
          { action: actionLabel(toActionType(event.type)) },
        ),
      );
    }
    const app = await this.dataSource.getRepository(ApplicationEntity).findOne({ where: { id } });
    // Publicity (公示): who may object to a case they cannot otherwise see is decided by mayObject.
    const publicObjection = event.type === 'OBJECT' && app !== null && mayObject(p, app);
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
    const base = this.baseView(app, names.zone_code, names.enterprise_name);
    const sealed = sealedFieldsOf(app.form);
    if (sealed.length > 0 && ID_REVIEWER_ROLES.has(p.role) && p.zoneId === app.zoneId) {
      base.form = await this.revealForReviewer(p, app, sealed);
    }
    return {
      ...base,
      availableActions: this.availableActions(p, app),
      evidence: app.evidence ?? undefined,
      documents: docs.map(toDocumentView),
      ...(staff
        ? {
            exclusivityConflicts: app.exclusivityConflicts,
            recommendedAmountFen: contextOf(persistedOf(app)).recommendedAmountFen,
          }
        : {}),
    };
  }

  /** The form with resident ID numbers in full, for a reviewer of the zone; the read is audited first. */
  private async revealForReviewer(
    p: Principal,
    app: ApplicationEntity,
    fields: string[],
  ): Promise<Record<string, unknown>> {
    await this.dataSource.transaction((m) =>
      this.audit.append(m, {
        stream: applicationStream(app.id),
        zoneId: app.zoneId,
        enterpriseId: app.enterpriseId,
        actorId: p.userId,
        actorRole: p.role,
        action: 'id-number.revealed',
        data: { fields },
      }),
    );
    return this.ids.revealFields(app.form, fields);
  }

  async list(p: Principal, q: InboxQueryDto): Promise<Page<ApplicationView>> {
    const qb = this.dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .innerJoin('enterprises', 'e', 'e.id = a.enterprise_id')
      .innerJoin('zones', 'z', 'z.id = a.zone_id')
      .addSelect(['e.name AS enterprise_name', 'z.code AS zone_code'])
      .offset(offsetOf(q))
      .limit(q.pageSize);
    const search = await resolveInboxSearch(this.dataSource.manager, p, q.q);
    applyInboxSort(applyInboxFilters(qb, p, q, search), q.sort);
    // Counted over applications alone: the filters read only its columns, and the joins are many-to-one.
    // TypeORM's getCount() would join and count DISTINCT ids: 300-600 ms in a zone of 100k cases, where
    // this is an index-only scan of about 20 ms.
    const counted = applyInboxFilters(
      this.dataSource.getRepository(ApplicationEntity).createQueryBuilder('a').select('count(*)::int', 'n'),
      p,
      q,
      search,
    );
    const [{ entities, raw }, count] = await Promise.all([
      qb.getRawAndEntities(),
      counted.getRawOne<{ n: number }>(),
    ]);
    const total = count?.n ?? 0;
    const items = entities.map((app, i) => {
      const r = raw[i] as { enterprise_name: string; zone_code: string };
      return {
        ...this.baseView(app, r.zone_code, r.enterprise_name),
        availableActions: this.availableActions(p, app),
      };
    });
    return pageOf(await this.countdowns.withWorkingDaysLeft(items), total, q);
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
    const staff = p.role !== 'enterprise';
    const views = events.map((e) =>
      toHistoryView(e, e.actorId ? (names.get(e.actorId) ?? null) : null, staff),
    );
    return staff ? views : views.map(anonymiseExpertReview);
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
        text('error.assign-not-waiting', { state: stateLabel(app.state) }),
        {
          state: app.state,
        },
      );
    }
    if (action === 'release' && app.assigneeId !== p.userId) {
      throw new DomainError(DomainErrorCode.Forbidden, text('error.only-assignee-hands-back'));
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
        throw new DomainError(DomainErrorCode.StaleVersion, text('error.stale-application-meanwhile'));
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
      form: this.ids.maskFields(app.form, sealedFieldsOf(app.form)),
      computedAmountFen: app.computedAmountFen,
      approvedAmountFen: app.approvedAmountFen,
      paidAmountFen: app.paidAmountFen,
      deadline: toDeadlineView(app),
      missingFacts: missingFactsOfCase(app),
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
        text('error.blacklisted', {
          until: shanghaiDate(rows[0].barred_until),
          reason: rows[0].reason,
        }),
        { barredUntil: rows[0].barred_until.toISOString(), reason: rows[0].reason },
      );
    }
  }

  private async assertBankAccount(enterpriseId: string): Promise<void> {
    const e = await this.dataSource.getRepository(EnterpriseEntity).findOneByOrFail({ id: enterpriseId });
    if (!e.bankAccountNo) {
      // Only a verified account counts (issue 12); one waiting for finance is named as such.
      const pending: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM bank_account_changes WHERE enterprise_id = $1 AND state = 'pending'`,
        [enterpriseId],
      );
      throw new DomainError(DomainErrorCode.Unprocessable, text('error.bank-account-needed'), {}, [
        {
          field: 'bankAccount',
          messages: [
            pending.length > 0
              ? "the enterprise's bank account awaits verification by the zone's finance staff"
              : 'the enterprise has no bank account (PUT /enterprises/{id}/bank-account)',
          ],
        },
      ]);
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
