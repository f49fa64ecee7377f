import { ApplicationEntity } from '@huiqi/database';
import { evaluateProgram, Evaluation, factLabel } from '@huiqi/policies';
import { acceptedEventTypes, contextOf, MissingFact, shanghaiDate, WorkflowMode } from '@huiqi/workflow';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProgramCatalogService } from '../catalog/program-catalog.service';
import { FactsReader } from '../facts/facts-reader.service';
import { ApplicationTransitionService } from './application-transition.service';
import { GrantHistoryService } from './grant-history.service';

export type ScreeningOutcome = 'passed' | 'failed' | 'incomplete' | 'stale';

const SYSTEM_ACTOR = { userId: 'system', role: 'system' as const };

/**
 * Automated eligibility screening of one submission: evaluates the pinned program version over the
 * enterprise's current facts and the application form, stores the evidence with the application, and
 * sends the machine its result. Runs in the caller's transaction (the worker's exactly-once wrapper).
 */
@Injectable()
export class ScreeningService {
  private readonly logger = new Logger(ScreeningService.name);

  constructor(
    private readonly catalog: ProgramCatalogService,
    private readonly facts: FactsReader,
    private readonly history: GrantHistoryService,
    private readonly transitions: ApplicationTransitionService,
  ) {}

  async screen(manager: EntityManager, applicationId: string, round: number): Promise<ScreeningOutcome> {
    const app = await manager.findOne(ApplicationEntity, { where: { id: applicationId } });
    if (!app || app.state !== 'screening') return 'stale';
    const persisted = {
      mode: app.mode as WorkflowMode,
      machineVersion: app.machineVersion,
      snapshot: app.snapshot,
    };
    // A redelivered job for an earlier submission must not judge the current one.
    if (contextOf(persisted).submissionCount !== round) return 'stale';
    const evaluation = await this.evaluate(manager, app);
    await manager.query(`UPDATE applications SET evidence = $2::jsonb WHERE id = $1`, [
      app.id,
      JSON.stringify(evaluation),
    ]);
    if (evaluation.eligible) {
      const computedAmountFen = evaluation.amountFen ?? evaluation.maxAmountFen ?? null;
      await this.transitions.apply(
        manager,
        app.id,
        { type: 'SCREENING_PASSED', computedAmountFen, round },
        SYSTEM_ACTOR,
      );
      return 'passed';
    }
    const missingFacts = missingFactsOf(evaluation);
    // Machine v2+: a case that fails only for want of facts goes back for amendment naming them; the
    // enterprise declares them (一企一档) and resubmits. v1 cases in flight keep the final rejection.
    if (missingFacts && acceptedEventTypes(persisted).includes('SCREENING_INCOMPLETE')) {
      await this.transitions.apply(
        manager,
        app.id,
        { type: 'SCREENING_INCOMPLETE', missingFacts, round },
        SYSTEM_ACTOR,
      );
      this.logger.log(
        { applicationId: app.id, round, missing: missingFacts.map((m) => m.key) },
        'screening incomplete',
      );
      return 'incomplete';
    }
    const reasons = evaluation.unmet.map((u) => `${u.reason.zh} / ${u.reason.en}`.slice(0, 500)).slice(0, 50);
    await this.transitions.apply(
      manager,
      app.id,
      {
        type: 'SCREENING_FAILED',
        reasons: reasons.length > 0 ? reasons : ['不符合申报条件 / Not eligible'],
        round,
      },
      SYSTEM_ACTOR,
    );
    this.logger.log(
      { applicationId: app.id, round, unmet: evaluation.unmet.map((u) => u.clauseId) },
      'screening failed',
    );
    return 'failed';
  }

  async evaluate(manager: EntityManager, app: ApplicationEntity): Promise<Evaluation> {
    const program = await this.catalog.getVersion(app.programCode, app.programVersion, manager);
    const facts = await this.facts.indexFor(app.enterpriseId, manager);
    const history = await this.history.historyFor(manager, {
      enterpriseId: app.enterpriseId,
      programCode: app.programCode,
      fiscalYear: app.fiscalYear,
      personIdHash: app.personIdHash,
      excludeApplicationId: app.id,
    });
    return evaluateProgram(program.compiled, {
      facts,
      form: app.form,
      fiscalYear: app.fiscalYear,
      asOf: shanghaiDate(new Date()),
      ...(app.beneficiaryKind === 'person' && app.personIdHash ? { subject: app.personIdHash } : {}),
      history,
    });
  }
}

/**
 * The facts whose absence is the only reason the evaluation failed, or null when some condition failed
 * on data that is there (a real refusal) or a form field is missing (the form is checked at submit).
 */
export function missingFactsOf(evaluation: Evaluation): MissingFact[] | null {
  if (evaluation.eligible || evaluation.unmet.length === 0) return null;
  const found = new Map<string, MissingFact>();
  for (const unmet of evaluation.unmet) {
    if (unmet.error !== undefined || !unmet.missing || unmet.missing.length === 0) return null;
    for (const missing of unmet.missing) {
      if (missing.kind !== 'fact') return null;
      const id = `${missing.key}|${missing.period ?? ''}`;
      if (found.has(id)) continue;
      const label = factLabel(missing.key, missing.field);
      found.set(id, {
        key: missing.key,
        period: missing.period,
        label:
          missing.period === null
            ? { zh: label.zh, en: label.en }
            : {
                zh: `${label.zh}（${missing.period}年度）`,
                en: `${label.en} (fiscal year ${missing.period})`,
              },
      });
    }
  }
  return found.size > 0 ? [...found.values()].slice(0, 50) : null;
}
