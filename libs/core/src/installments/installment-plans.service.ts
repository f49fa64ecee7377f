import { ApplicationEntity, InstallmentItemStatus } from '@huiqi/database';
import { computeInstallment, Evaluation, FactIndex } from '@huiqi/policies';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GrantHistoryService } from '../applications/grant-history.service';
import { GrantOfferService } from '../applications/grant-offer.service';
import { LoadedProgram, ProgramCatalogService } from '../catalog/program-catalog.service';
import { decideInstallment, installmentEvaluation, planStopReason } from './installment-decisions';

export interface PlanItem {
  index: number;
  fiscalYear: number;
  baseFiscalYear: number;
  status: InstallmentItemStatus;
  applicationId: string | null;
}

/** An active plan, locked for the caller's transaction, with its installments. */
export interface OpenPlan {
  id: string;
  zoneId: string;
  enterpriseId: string;
  programCode: string;
  programVersion: number;
  subject: string | null;
  startFiscalYear: number;
  years: number;
  firstCaseState: string;
  items: PlanItem[];
}

export interface AdvanceContext {
  zoneCode: string;
  /** The evaluation date, YYYY-MM-DD. */
  asOf: string;
  currentFiscalYear: number;
  origin: Record<string, unknown>;
}

export interface AdvanceOutcome {
  offersCreated: number;
  duplicates: number;
}

const PENDING: readonly InstallmentItemStatus[] = ['scheduled', 'awaiting-data', 'invalid-data'];
const SETTLED: readonly InstallmentItemStatus[] = ['offered', 'nothing-due'];

/** One pending item's new status, as a check of its plan decided it. */
interface ItemWrite {
  index: number;
  status: InstallmentItemStatus;
  applicationId: string | null;
  amountFen: number | null;
  unmet: unknown[];
}

/**
 * Installment plans (multi-year grants): the schedule recorded with a plan's first case, and its
 * advancement. The first case IS installment 1 (its amount is the evaluation's installment 1);
 * installments 2..N become cases of their own, `parent_id` = the first case, each confirmed,
 * approved and paid on its own. An installment is computed with `computeInstallment` — pinned to
 * the first case's program version — once its fiscal year has come, and offered when that year's
 * base fact (e.g. the previous year's personal tax contribution) is there; until then it waits.
 */
@Injectable()
export class InstallmentPlanService {
  private readonly logger = new Logger(InstallmentPlanService.name);

  constructor(
    private readonly catalog: ProgramCatalogService,
    private readonly offers: GrantOfferService,
    private readonly history: GrantHistoryService,
  ) {}

  /** Records the schedule of a plan whose first case was just offered. Returns it, ready to advance. */
  async create(
    manager: EntityManager,
    firstCase: ApplicationEntity,
    program: LoadedProgram,
  ): Promise<OpenPlan | null> {
    return (await this.createMany(manager, [{ firstCase, program }]))[0];
  }

  /**
   * `create` for many first cases at once (a sweep batch's offers), in two statements: the plans, then
   * their items. Null for a case whose program is not paid in installments.
   */
  async createMany(
    manager: EntityManager,
    cases: readonly { firstCase: ApplicationEntity; program: LoadedProgram }[],
  ): Promise<(OpenPlan | null)[]> {
    const plans = cases.map(({ firstCase, program }): OpenPlan | null => {
      const years = program.settings.installments?.years;
      if (!years) return null;
      const start = firstCase.fiscalYear;
      return {
        id: firstCase.id,
        zoneId: firstCase.zoneId,
        enterpriseId: firstCase.enterpriseId,
        programCode: firstCase.programCode,
        programVersion: firstCase.programVersion,
        subject: firstCase.personIdHash,
        startFiscalYear: start,
        years,
        firstCaseState: firstCase.state,
        items: Array.from({ length: years }, (_, i) => ({
          index: i + 1,
          fiscalYear: start + i,
          baseFiscalYear: start + i - 1,
          status: i === 0 ? 'offered' : 'scheduled',
          applicationId: i === 0 ? firstCase.id : null,
        })),
      };
    });
    const created = plans.filter((p): p is OpenPlan => p !== null);
    if (created.length === 0) return plans;
    await manager.query(
      `INSERT INTO installment_plans (id, zone_id, enterprise_id, program_code, program_version, subject, start_fiscal_year, years, status)
       SELECT *, 'active' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[])`,
      [
        created.map((p) => p.id),
        created.map((p) => p.zoneId),
        created.map((p) => p.enterpriseId),
        created.map((p) => p.programCode),
        created.map((p) => p.programVersion),
        created.map((p) => p.subject),
        created.map((p) => p.startFiscalYear),
        created.map((p) => p.years),
      ],
    );
    const firstAmount = new Map(cases.map(({ firstCase }) => [firstCase.id, firstCase.computedAmountFen]));
    const items = created.flatMap((p) => p.items.map((item) => ({ plan: p.id, ...item })));
    await manager.query(
      `INSERT INTO installment_plan_items (plan_id, installment_index, fiscal_year, base_fiscal_year, status, application_id, amount_fen, checked_at)
       SELECT t.plan, t.idx, t.fy, t.base, t.status, t.app, t.amount, CASE WHEN t.idx = 1 THEN now() END
       FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::text[], $6::uuid[], $7::bigint[])
            AS t(plan, idx, fy, base, status, app, amount)`,
      [
        items.map((i) => i.plan),
        items.map((i) => i.index),
        items.map((i) => i.fiscalYear),
        items.map((i) => i.baseFiscalYear),
        items.map((i) => i.status),
        items.map((i) => i.applicationId),
        items.map((i) => (i.index === 1 ? (firstAmount.get(i.plan) ?? null) : null)),
      ],
    );
    return plans;
  }

  /** Locks the active plans of these enterprises (in id order, so concurrent runs queue, never deadlock). */
  async lockOpen(manager: EntityManager, enterpriseIds: readonly string[]): Promise<Map<string, OpenPlan[]>> {
    const byEnterprise = new Map<string, OpenPlan[]>();
    if (enterpriseIds.length === 0) return byEnterprise;
    const plans: {
      id: string;
      zone_id: string;
      enterprise_id: string;
      program_code: string;
      program_version: number;
      subject: string | null;
      start_fiscal_year: number;
      years: number;
      first_case_state: string;
    }[] = await manager.query(
      `SELECT p.id, p.zone_id, p.enterprise_id, p.program_code, p.program_version, p.subject, p.start_fiscal_year,
         p.years, a.state AS first_case_state
       FROM installment_plans p JOIN applications a ON a.id = p.id
       WHERE p.enterprise_id = ANY($1::uuid[]) AND p.status = 'active'
       ORDER BY p.id FOR UPDATE OF p`,
      [enterpriseIds],
    );
    if (plans.length === 0) return byEnterprise;
    const items: {
      plan_id: string;
      installment_index: number;
      fiscal_year: number;
      base_fiscal_year: number;
      status: InstallmentItemStatus;
      application_id: string | null;
    }[] = await manager.query(
      `SELECT plan_id, installment_index, fiscal_year, base_fiscal_year, status, application_id
       FROM installment_plan_items WHERE plan_id = ANY($1::uuid[]) ORDER BY plan_id, installment_index`,
      [plans.map((p) => p.id)],
    );
    for (const p of plans) {
      const plan: OpenPlan = {
        id: p.id,
        zoneId: p.zone_id,
        enterpriseId: p.enterprise_id,
        programCode: p.program_code,
        programVersion: p.program_version,
        subject: p.subject,
        startFiscalYear: p.start_fiscal_year,
        years: p.years,
        firstCaseState: p.first_case_state,
        items: items
          .filter((i) => i.plan_id === p.id)
          .map((i) => ({
            index: i.installment_index,
            fiscalYear: i.fiscal_year,
            baseFiscalYear: i.base_fiscal_year,
            status: i.status,
            applicationId: i.application_id,
          })),
      };
      byEnterprise.set(p.enterprise_id, [...(byEnterprise.get(p.enterprise_id) ?? []), plan]);
    }
    return byEnterprise;
  }

  /**
   * Brings a locked plan up to date with the enterprise's facts: stops it when its first case was
   * refused, offers every pending installment that is due, records why the others wait.
   */
  async advance(
    manager: EntityManager,
    plan: OpenPlan,
    facts: FactIndex,
    ctx: AdvanceContext,
  ): Promise<AdvanceOutcome> {
    const outcome: AdvanceOutcome = { offersCreated: 0, duplicates: 0 };
    const stop = planStopReason(plan.firstCaseState);
    if (stop) {
      await manager.query(
        `UPDATE installment_plan_items SET status = 'cancelled', updated_at = now()
         WHERE plan_id = $1 AND status = ANY($2::text[])`,
        [plan.id, PENDING],
      );
      await manager.query(
        `UPDATE installment_plans SET status = 'stopped', stopped_reason = $2, updated_at = now() WHERE id = $1`,
        [plan.id, stop],
      );
      this.logger.log({ planId: plan.id, reason: stop }, 'installment plan stopped');
      return outcome;
    }
    const program = await this.catalog.getVersion(plan.programCode, plan.programVersion, manager);
    let planEvidence: Evaluation | null | undefined;
    const writes: ItemWrite[] = [];
    for (const item of plan.items) {
      if (!PENDING.includes(item.status)) continue;
      const history = await this.historyIfCapped(manager, program, plan, item.fiscalYear);
      const { decision, result } = decideInstallment(item.fiscalYear, ctx.currentFiscalYear, () =>
        computeInstallment(program.compiled, item.index, {
          facts,
          startFiscalYear: plan.startFiscalYear,
          asOf: ctx.asOf,
          ...(plan.subject ? { subject: plan.subject } : {}),
          ...(history ? { history } : {}),
        }),
      );
      if (decision.status === 'offer' && result) {
        planEvidence ??= await this.firstCaseEvidence(manager, plan.id);
        const offered = await this.offers.offer(manager, {
          enterpriseId: plan.enterpriseId,
          zoneId: plan.zoneId,
          zoneCode: ctx.zoneCode,
          program,
          evaluation: installmentEvaluation(program.compiled, { evidence: planEvidence }, result),
          fiscalYear: item.fiscalYear,
          subject: plan.subject,
          installment: { parentId: plan.id, index: item.index },
          origin: { ...ctx.origin, installmentPlanId: plan.id, installmentIndex: item.index },
        });
        const applicationId = offered.created
          ? offered.application.id
          : await this.existingInstallment(manager, plan.id, item.index);
        if (offered.created) outcome.offersCreated += 1;
        else outcome.duplicates += 1;
        writes.push({
          index: item.index,
          status: 'offered',
          applicationId,
          amountFen: decision.amountFen,
          unmet: [],
        });
        item.status = 'offered';
        item.applicationId = applicationId;
      } else if (decision.status !== 'offer') {
        const amount = decision.status === 'nothing-due' ? 0 : null;
        writes.push({
          index: item.index,
          status: decision.status,
          applicationId: null,
          amountFen: amount,
          unmet: decision.unmet,
        });
        item.status = decision.status;
      }
    }
    await this.writeItems(manager, plan.id, writes);
    if (plan.items.every((i) => SETTLED.includes(i.status))) {
      await manager.query(
        `UPDATE installment_plans SET status = 'completed', updated_at = now() WHERE id = $1`,
        [plan.id],
      );
    }
    return outcome;
  }

  private async historyIfCapped(
    manager: EntityManager,
    program: LoadedProgram,
    plan: OpenPlan,
    fiscalYear: number,
  ) {
    const { caps } = program.settings;
    if (caps.perEnterprisePerFiscalYearFen === undefined && caps.perPersonFen === undefined) return undefined;
    return this.history.historyFor(manager, {
      enterpriseId: plan.enterpriseId,
      programCode: plan.programCode,
      fiscalYear,
      personIdHash: plan.subject,
    });
  }

  private async firstCaseEvidence(manager: EntityManager, planId: string): Promise<Evaluation | null> {
    const rows: { evidence: Evaluation | null }[] = await manager.query(
      'SELECT evidence FROM applications WHERE id = $1',
      [planId],
    );
    return rows[0]?.evidence ?? null;
  }

  private async existingInstallment(manager: EntityManager, planId: string, index: number): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      'SELECT id FROM applications WHERE parent_id = $1 AND installment_index = $2',
      [planId, index],
    );
    if (!rows[0])
      throw new Error(`installment ${index} of plan ${planId} was refused as a duplicate but not found`);
    return rows[0].id;
  }

  /** Records what this check decided for each pending item of one plan, in one statement. */
  private async writeItems(manager: EntityManager, planId: string, writes: ItemWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await manager.query(
      `UPDATE installment_plan_items i
       SET status = w.status, application_id = w.application_id, amount_fen = w.amount_fen, unmet = w.unmet::jsonb,
           checked_at = now(), updated_at = now()
       FROM unnest($2::int[], $3::text[], $4::uuid[], $5::bigint[], $6::text[])
            AS w (installment_index, status, application_id, amount_fen, unmet)
       WHERE i.plan_id = $1 AND i.installment_index = w.installment_index`,
      [
        planId,
        writes.map((w) => w.index),
        writes.map((w) => w.status),
        writes.map((w) => w.applicationId),
        writes.map((w) => w.amountFen),
        writes.map((w) => JSON.stringify(w.unmet)),
      ],
    );
  }
}
