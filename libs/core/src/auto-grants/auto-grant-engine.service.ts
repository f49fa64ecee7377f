import { Evaluation, FactIndex, GrantHistory } from '@huiqi/policies';
import { ApplicationEntity } from '@huiqi/database';
import { shanghaiDate } from '@huiqi/workflow';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GrantHistoryService } from '../applications/grant-history.service';
import { GrantOfferService, OfferInput } from '../applications/grant-offer.service';
import { LoadedProgram } from '../catalog/program-catalog.service';
import { FactsReader } from '../facts/facts-reader.service';
import { InstallmentPlanService, OpenPlan } from '../installments/installment-plans.service';
import {
  decideOffer,
  evaluateAutoPrograms,
  evaluationKey,
  ExistingAutoCase,
  needsHistory,
  offerableEvaluations,
} from './auto-evaluation';

export interface GrantTarget {
  id: string;
  /** On the blacklist (失信): passed over, neither offered nor advanced. */
  barred: boolean;
}

export interface GrantRunInput {
  zone: { id: string; code: string };
  /** In id order. */
  enterprises: readonly GrantTarget[];
  /** The auto programs to evaluate, sorted by code. */
  programs: readonly LoadedProgram[];
  fiscalYear: number;
  /** The evaluation date, YYYY-MM-DD. */
  asOf: string;
  /** Recorded with every offer: what caused it (a sweep, a targeted check). */
  origin: Record<string, unknown>;
  /** Installment plans of these programs are advanced (null: every plan of the enterprise). */
  planPrograms: readonly string[] | null;
  /** Stop after the enterprise whose offers reach this many, to keep one transaction's size bounded. */
  maxOffers?: number;
}

export interface EnterpriseError {
  enterpriseId: string;
  message: string;
}

export interface GrantRunOutcome {
  /** Enterprises dealt with, in order (blacklisted and failed ones included). */
  processed: number;
  /** The last of them: a sweep's next cursor. */
  lastEnterpriseId: string | null;
  offersCreated: number;
  duplicates: number;
  skipped: number;
  errors: EnterpriseError[];
}

interface OfferWork {
  program: LoadedProgram;
  evaluation: Evaluation;
}

/** What one enterprise of a batch needs written, decided before anything is written. */
type EnterpriseWork =
  | { kind: 'barred'; enterpriseId: string }
  | { kind: 'failed'; enterpriseId: string; message: string }
  | {
      kind: 'grant';
      enterpriseId: string;
      offers: OfferWork[];
      /** Offerable, but the grant (or its exclusivity group) is already held. */
      known: number;
      plans: OpenPlan[];
      /** Kept only when installment plans need them. */
      facts: FactIndex | null;
    };

/**
 * Takes each enterprise's grant lock for the transaction, all in one statement and in id order. A
 * sweep batch and a targeted check (a fact recorded, possibly for a past fiscal year the sweep is
 * granting) may offer the same grant and advance the same plan at once: without a common order their
 * inserts, plan rows and audit streams locked each other (a deadlock the installment test caught,
 * reported as a sweep error). With it, the later one waits and then finds the grant already offered.
 */
async function lockEnterprises(manager: EntityManager, enterpriseIds: string[]): Promise<void> {
  if (enterpriseIds.length === 0) return;
  await manager.query(
    `SELECT count(pg_advisory_xact_lock(hashtextextended('auto-grant:' || id, 0)))
     FROM (SELECT id FROM unnest($1::text[]) AS id ORDER BY id) AS ordered`,
    [[...new Set(enterpriseIds)]],
  );
}

/** States in which an auto case no longer stands (it ended without money, or was refused). */
const ENDED_STATES = ['rejected', 'withdrawn', 'expired', 'cancelled', 'revoked', 'declined', 'lapsed'];

/**
 * The one code path of 免申即享: a sweep batch and a targeted check both run it, in the caller's
 * transaction. For each enterprise: evaluate the auto programs over its facts (person programs per
 * candidate subject), resolve exclusivity, offer what is due through `GrantOfferService` (the
 * database's unique indexes make offers idempotent), record a schedule for a new installment plan
 * and advance the enterprise's open plans. Each enterprise's writes sit in a savepoint: one that
 * fails is rolled back and reported, and the run goes on.
 */
@Injectable()
export class AutoGrantEngine {
  constructor(
    private readonly facts: FactsReader,
    private readonly offers: GrantOfferService,
    private readonly history: GrantHistoryService,
    private readonly plans: InstallmentPlanService,
  ) {}

  async run(manager: EntityManager, input: GrantRunInput): Promise<GrantRunOutcome> {
    await lockEnterprises(
      manager,
      input.enterprises.map((e) => e.id),
    );
    const work = withinOfferBudget(await this.plan(manager, input), input.maxOffers);
    const currentFiscalYear = Number(shanghaiDate(new Date()).slice(0, 4));
    // The whole batch's offers in a handful of statements; if anything in it fails, roll it back and
    // take the enterprises one by one, so the one at fault is reported and the others are granted.
    await manager.query('SAVEPOINT auto_grant_bulk');
    try {
      const outcome = await this.grantInBulk(manager, work, input, currentFiscalYear);
      await manager.query('RELEASE SAVEPOINT auto_grant_bulk');
      return outcome;
    } catch {
      await manager.query('ROLLBACK TO SAVEPOINT auto_grant_bulk');
      return this.grantOneByOne(manager, work, input, currentFiscalYear);
    }
  }

  private async grantInBulk(
    manager: EntityManager,
    work: EnterpriseWork[],
    input: GrantRunInput,
    currentFiscalYear: number,
  ): Promise<GrantRunOutcome> {
    const outcome = emptyOutcome();
    const grants: Extract<EnterpriseWork, { kind: 'grant' }>[] = [];
    for (const item of work) {
      countVisit(outcome, item);
      if (item.kind === 'grant') grants.push(item);
    }
    const offers = grants.flatMap((item) => item.offers.map((offer) => ({ item, offer })));
    const results = await this.offers.offerMany(
      manager,
      offers.map(({ item, offer }) => this.offerInput(item, offer, input)),
    );
    const plansOf = new Map(grants.map((item) => [item.enterpriseId, [...item.plans]]));
    const created: { enterpriseId: string; firstCase: ApplicationEntity; program: LoadedProgram }[] = [];
    for (let i = 0; i < offers.length; i++) {
      const result = results[i];
      if (!result.created) {
        outcome.duplicates += 1;
        continue;
      }
      outcome.offersCreated += 1;
      const { item, offer } = offers[i];
      created.push({
        enterpriseId: item.enterpriseId,
        firstCase: result.application,
        program: offer.program,
      });
    }
    const newPlans = await this.plans.createMany(manager, created);
    newPlans.forEach((plan, i) => {
      if (plan) plansOf.get(created[i].enterpriseId)!.push(plan);
    });
    for (const item of grants) {
      for (const plan of plansOf.get(item.enterpriseId)!) {
        const advanced = await this.advance(manager, plan, item, input, currentFiscalYear);
        outcome.offersCreated += advanced.offersCreated;
        outcome.duplicates += advanced.duplicates;
      }
    }
    return outcome;
  }

  private async grantOneByOne(
    manager: EntityManager,
    work: EnterpriseWork[],
    input: GrantRunInput,
    currentFiscalYear: number,
  ): Promise<GrantRunOutcome> {
    const outcome = emptyOutcome();
    for (const item of work) {
      countVisit(outcome, item);
      if (item.kind !== 'grant' || (item.offers.length === 0 && item.plans.length === 0)) continue;
      await manager.query('SAVEPOINT auto_grant_enterprise');
      try {
        const counts = await this.grantTo(manager, item, input, currentFiscalYear);
        await manager.query('RELEASE SAVEPOINT auto_grant_enterprise');
        outcome.offersCreated += counts.offersCreated;
        outcome.duplicates += counts.duplicates;
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT auto_grant_enterprise');
        outcome.errors.push({ enterpriseId: item.enterpriseId, message: messageOf(error) });
      }
    }
    return outcome;
  }

  /**
   * Evaluates every enterprise of the batch first and keeps only what needs writing (its offers, and
   * its facts when installment plans need them), so the batch's facts are not held while the offers
   * wait on the database. Evaluations whose caps depend on what the beneficiary already holds are
   * evaluated again with those histories, read for the whole batch in one query.
   */
  private async plan(manager: EntityManager, input: GrantRunInput): Promise<EnterpriseWork[]> {
    const eligibleIds = input.enterprises.filter((e) => !e.barred).map((e) => e.id);
    const factsById = await this.facts.indexForMany(eligibleIds, manager);
    const existing = await this.existingCases(manager, eligibleIds);
    const openPlans = await this.plans.lockOpen(manager, eligibleIds);
    const compiled = input.programs.map((p) => p.compiled);
    const byCode = new Map(input.programs.map((p) => [p.compiled.code, p]));
    const ctx = { fiscalYear: input.fiscalYear, asOf: input.asOf };

    const drafts: (Exclude<EnterpriseWork, { kind: 'grant' }> | Evaluated)[] = [];
    const historyRequests: { enterpriseId: string; programCode: string; personIdHash: string | null }[] = [];
    for (const enterprise of input.enterprises) {
      const enterpriseId = enterprise.id;
      if (enterprise.barred) {
        drafts.push({ kind: 'barred', enterpriseId });
        continue;
      }
      const facts = factsById.get(enterpriseId) as FactIndex;
      factsById.delete(enterpriseId);
      try {
        const evaluations = evaluateAutoPrograms(compiled, facts, ctx);
        const capped = evaluations.filter((e) => needsHistory(byCode.get(e.programCode)!.compiled, e));
        drafts.push({
          kind: 'evaluated',
          enterpriseId,
          facts,
          evaluations,
          capped,
          historyFrom: historyRequests.length,
        });
        for (const e of capped)
          historyRequests.push({ enterpriseId, programCode: e.programCode, personIdHash: e.subject });
      } catch (error) {
        drafts.push({ kind: 'failed', enterpriseId, message: messageOf(error) });
      }
    }
    const histories = await this.history.historiesFor(manager, input.fiscalYear, historyRequests);

    return drafts.map((draft): EnterpriseWork => {
      if (draft.kind !== 'evaluated') return draft;
      const { enterpriseId, facts, capped } = draft;
      const plans = (openPlans.get(enterpriseId) ?? []).filter(
        (p) => input.planPrograms === null || input.planPrograms.includes(p.programCode),
      );
      try {
        let evaluations = draft.evaluations;
        if (capped.length > 0) {
          const held = new Map<string, GrantHistory>(
            capped.map((e, i) => [evaluationKey(e.programCode, e.subject), histories[draft.historyFrom + i]]),
          );
          evaluations = evaluateAutoPrograms(compiled, facts, ctx, held);
        }
        const cases = existing.get(enterpriseId) ?? [];
        const offers: OfferWork[] = [];
        let known = 0;
        for (const evaluation of offerableEvaluations(evaluations)) {
          const offer = { program: byCode.get(evaluation.programCode)!, evaluation };
          if (decideOffer(offer.program.compiled, offer.evaluation, cases).kind === 'offer')
            offers.push(offer);
          else known += 1;
        }
        const needsFacts = plans.length > 0 || offers.some((o) => o.program.settings.installments);
        return { kind: 'grant', enterpriseId, offers, known, plans, facts: needsFacts ? facts : null };
      } catch (error) {
        return { kind: 'failed', enterpriseId, message: messageOf(error) };
      }
    });
  }

  private async grantTo(
    manager: EntityManager,
    item: Extract<EnterpriseWork, { kind: 'grant' }>,
    input: GrantRunInput,
    currentFiscalYear: number,
  ): Promise<{ offersCreated: number; duplicates: number }> {
    const counts = { offersCreated: 0, duplicates: 0 };
    const plans = [...item.plans];
    for (const offer of item.offers) {
      const offered = await this.offers.offer(manager, this.offerInput(item, offer, input));
      if (!offered.created) {
        counts.duplicates += 1;
        continue;
      }
      counts.offersCreated += 1;
      const plan = await this.plans.create(manager, offered.application, offer.program);
      if (plan) plans.push(plan);
    }
    for (const plan of plans) {
      const advanced = await this.advance(manager, plan, item, input, currentFiscalYear);
      counts.offersCreated += advanced.offersCreated;
      counts.duplicates += advanced.duplicates;
    }
    return counts;
  }

  private offerInput(
    item: Extract<EnterpriseWork, { kind: 'grant' }>,
    { program, evaluation }: OfferWork,
    input: GrantRunInput,
  ): OfferInput {
    return {
      enterpriseId: item.enterpriseId,
      zoneId: input.zone.id,
      zoneCode: input.zone.code,
      program,
      evaluation,
      fiscalYear: input.fiscalYear,
      subject: evaluation.subject,
      origin: input.origin,
    };
  }

  private advance(
    manager: EntityManager,
    plan: OpenPlan,
    item: Extract<EnterpriseWork, { kind: 'grant' }>,
    input: GrantRunInput,
    currentFiscalYear: number,
  ) {
    return this.plans.advance(manager, plan, item.facts as FactIndex, {
      zoneCode: input.zone.code,
      asOf: input.asOf,
      currentFiscalYear,
      origin: input.origin,
    });
  }

  /** The auto cases (first cases, not installments) these enterprises already have, in one query. */
  private async existingCases(
    manager: EntityManager,
    enterpriseIds: readonly string[],
  ): Promise<Map<string, ExistingAutoCase[]>> {
    const byEnterprise = new Map<string, ExistingAutoCase[]>();
    if (enterpriseIds.length === 0) return byEnterprise;
    const rows: {
      enterprise_id: string;
      program_code: string;
      program_version: number;
      period: string;
      beneficiary_key: string;
      fiscal_year: number;
      exclusivity_group: string | null;
      active: boolean;
    }[] = await manager.query(
      `SELECT enterprise_id, program_code, program_version, period, beneficiary_key, fiscal_year, exclusivity_group,
         state <> ALL($2::text[]) AS active
       FROM applications WHERE enterprise_id = ANY($1::uuid[]) AND mode = 'auto' AND parent_id IS NULL`,
      [enterpriseIds, ENDED_STATES],
    );
    for (const r of rows) {
      const list = byEnterprise.get(r.enterprise_id) ?? [];
      list.push({
        programCode: r.program_code,
        programVersion: r.program_version,
        period: r.period,
        beneficiaryKey: r.beneficiary_key,
        fiscalYear: r.fiscal_year,
        exclusivityGroup: r.exclusivity_group,
        active: r.active,
      });
      byEnterprise.set(r.enterprise_id, list);
    }
    return byEnterprise;
  }
}

function emptyOutcome(): GrantRunOutcome {
  return { processed: 0, lastEnterpriseId: null, offersCreated: 0, duplicates: 0, skipped: 0, errors: [] };
}

/** An enterprise evaluated without histories; `capped` are the evaluations whose caps need them. */
interface Evaluated {
  kind: 'evaluated';
  enterpriseId: string;
  facts: FactIndex;
  evaluations: Evaluation[];
  capped: Evaluation[];
  /** Where this enterprise's histories start in the batch's history requests. */
  historyFrom: number;
}

/** Counts an enterprise as dealt with (its cursor position, a skip, an error, what it already holds). */
function countVisit(outcome: GrantRunOutcome, item: EnterpriseWork): void {
  outcome.processed += 1;
  outcome.lastEnterpriseId = item.enterpriseId;
  if (item.kind === 'barred') outcome.skipped += 1;
  else if (item.kind === 'failed')
    outcome.errors.push({ enterpriseId: item.enterpriseId, message: item.message });
  else outcome.duplicates += item.known;
}

/**
 * The batch up to and including the enterprise whose offers reach `maxOffers`, so one transaction's
 * size stays bounded; the rest is left for the next batch (the cursor stops at the last one taken).
 */
function withinOfferBudget(work: EnterpriseWork[], maxOffers: number | undefined): EnterpriseWork[] {
  if (maxOffers === undefined) return work;
  let offers = 0;
  for (let i = 0; i < work.length; i++) {
    const item = work[i];
    if (item.kind === 'grant') offers += item.offers.length;
    if (offers >= maxOffers) return work.slice(0, i + 1);
  }
  return work;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}
