import { text, verbatim } from '@huiqi/common';
import { APP_CONFIG, AppConfig } from '@huiqi/config';
import { GrantHistoryService } from '@huiqi/core/applications/grant-history.service';
import { LoadedProgram, ProgramCatalogService } from '@huiqi/core/catalog/program-catalog.service';
import { DomainError, DomainErrorCode, LocalizedFieldIssue } from '@huiqi/core/errors/domain-error';
import { FactsReader } from '@huiqi/core/facts/facts-reader.service';
import { hashPersonId } from '@huiqi/core/identity/person-id';
import { EnterpriseEntity } from '@huiqi/database';
import {
  candidateSubjects,
  evaluateProgram,
  type Evaluation,
  type FactIndex,
  type GrantHistory,
  resolveExclusivity,
  validateForm,
  type ValidatedForm,
} from '@huiqi/policies';
import { shanghaiDate } from '@huiqi/workflow';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { inScopeOr404 } from '../auth/scope';
import { ZonesService } from '../zones/zones.service';
import { CalculatorRequestDto } from './calculator.dto';
import { CalculatorSummaryView, CalculatorView, toResultView } from './calculator.views';

interface Task {
  program: LoadedProgram;
  subject?: string;
  form?: ValidatedForm;
}

/**
 * The policy calculator: every program in force in the enterprise's zone, evaluated on the
 * enterprise's current facts (one query) with the compiled programs from the catalog cache, what it
 * already holds from each program (for the caps), and the zone's exclusivity groups applied.
 */
@Injectable()
export class CalculatorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ProgramCatalogService,
    private readonly factsReader: FactsReader,
    private readonly grants: GrantHistoryService,
    private readonly zones: ZonesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async calculate(p: Principal, dto: CalculatorRequestDto): Promise<CalculatorView> {
    const row = await this.dataSource
      .getRepository(EnterpriseEntity)
      .findOne({ where: { id: dto.enterpriseId } });
    const enterprise = inScopeOr404(p, row && { zoneId: row.zoneId, enterpriseId: row.id }, 'enterprise');
    const asOf = dto.asOf ?? shanghaiDate(new Date());
    const fiscalYear = dto.fiscalYear ?? Number(asOf.slice(0, 4));
    const [programs, facts, zoneCode] = await Promise.all([
      this.catalog.listCurrent(enterprise.zoneId, asOf),
      this.factsReader.indexFor(dto.enterpriseId),
      this.zones.codeOf(enterprise.zoneId),
    ]);
    const forms = this.checkForms(programs, dto.forms ?? {});
    const tasks = programs.flatMap((program) => this.tasksFor(program, facts, forms.get(program.row.code)));
    const histories = await Promise.all(tasks.map((t) => this.historyFor(dto.enterpriseId, fiscalYear, t)));
    const evaluations = resolveExclusivity(
      tasks.map((t, i) =>
        evaluateProgram(t.program.compiled, {
          facts,
          fiscalYear,
          asOf,
          ...(t.form ? { form: t.form } : {}),
          ...(t.subject ? { subject: t.subject } : {}),
          history: histories[i],
        }),
      ),
    );
    const categories = new Map(programs.map((x) => [x.row.code, x.definition.category]));
    const results = evaluations
      .map((e) => toResultView(e, categories.get(e.programCode) ?? ''))
      .sort(
        (a, b) =>
          Number(b.eligible) - Number(a.eligible) ||
          a.programCode.localeCompare(b.programCode) ||
          (a.subject ?? '').localeCompare(b.subject ?? ''),
      );
    return {
      enterpriseId: dto.enterpriseId,
      zoneCode: zoneCode ?? '',
      fiscalYear,
      asOf,
      summary: summarise(evaluations),
      results,
    };
  }

  /** Person programs are evaluated per person the facts know of (or the person of a what-if form). */
  private tasksFor(program: LoadedProgram, facts: FactIndex, form: ValidatedForm | undefined): Task[] {
    const base = { program, ...(form ? { form } : {}) };
    if (program.definition.beneficiary !== 'person') return [base];
    if (form && typeof form.idNumber === 'string') {
      return [{ ...base, subject: hashPersonId(form.idNumber, this.config.idHashSecret) }];
    }
    const subjects = candidateSubjects(program.compiled, facts);
    return subjects.length === 0 ? [base] : subjects.map((subject) => ({ ...base, subject }));
  }

  /** Only caps that depend on what was already granted need the applications table. */
  private async historyFor(enterpriseId: string, fiscalYear: number, t: Task): Promise<GrantHistory> {
    const caps = t.program.settings.caps;
    const needsPerson = caps.perPersonFen !== undefined && t.subject !== undefined;
    if (caps.perEnterprisePerFiscalYearFen === undefined && !needsPerson) return {};
    return this.grants.historyFor(this.dataSource.manager, {
      enterpriseId,
      programCode: t.program.row.code,
      fiscalYear,
      personIdHash: t.subject ?? null,
    });
  }

  /** What-if forms: each names a program in force here; its values are checked like a draft's (all optional). */
  private checkForms(programs: LoadedProgram[], forms: Record<string, unknown>): Map<string, ValidatedForm> {
    const byCode = new Map(programs.map((x) => [x.row.code, x]));
    const issues: LocalizedFieldIssue[] = [];
    const out = new Map<string, ValidatedForm>();
    for (const [code, form] of Object.entries(forms)) {
      const program = byCode.get(code);
      if (!program) {
        issues.push({
          field: `forms.${code}`,
          messages: [text('error.calculator-program-unknown')],
        });
        continue;
      }
      const relaxed = { formFields: program.definition.formFields.map((f) => ({ ...f, required: false })) };
      const result = validateForm(relaxed, form);
      if (result.ok) out.set(code, result.form);
      else {
        for (const issue of result.issues) {
          issues.push({
            field: `forms.${code}.${issue.path.replace(/^form\.?/, '')}`.replace(/\.$/, ''),
            messages: [issue.text ?? verbatim(issue.message)],
          });
        }
      }
    }
    if (issues.length > 0) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        text('error.invalid-forms', { fields: issues.map((i) => i.field).join(', ') }),
        {},
        issues,
      );
    }
    return out;
  }
}

function summarise(evaluations: readonly Evaluation[]): CalculatorSummaryView {
  let totalFen = 0;
  let upToFen = 0;
  let eligible = 0;
  for (const e of evaluations) {
    if (!e.eligible) continue;
    eligible += 1;
    if (e.amountFen !== null) totalFen += e.amountFen;
    else upToFen += e.maxAmountFen ?? 0;
  }
  if (!Number.isSafeInteger(totalFen) || !Number.isSafeInteger(upToFen)) {
    throw new RangeError('calculator totals exceed the safe integer range');
  }
  return { programs: evaluations.length, eligible, totalFen, upToFen };
}
