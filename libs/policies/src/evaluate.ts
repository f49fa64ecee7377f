import { type AmountInputs, computeAmount, type ResolvedInput } from './amount';
import { applyCaps, type GrantHistory } from './caps';
import type { CompiledClause, CompiledProgram, ValueSource } from './compile';
import { fiscalYearEnd, fiscalYearStart, isFiscalYear, isIsoDate } from './dates';
import {
  BUILT_IN_CONDITIONS,
  type ClauseEvidence,
  type Evaluation,
  type FactSnapshot,
  type MissingInput,
  type UnmetCondition,
} from './evaluation-types';
import type { FactIndex } from './fact-index';
import type { FactRecord } from './facts';
import { describeMissing, FactLookup, snapshotOf } from './fact-lookup';
import type { FormValue } from './form';
import type { LocalizedText } from './localized-text';
import type { FactRead } from './references';
import { applyRule, isTruthy } from './rule-operations';
import { renderText, type TemplateValues } from './templates';

/** What one evaluation is about. */
export interface EvaluationInput {
  /** The enterprise's facts, indexed once with `indexFacts`. */
  facts: FactIndex;
  /**
   * The application form, validated with `validateForm`. Omit it for the calculator: clauses and
   * amounts that read the form are then left pending and the amount becomes "up to".
   */
  form?: Readonly<Record<string, unknown>>;
  /** The fiscal year the money is for (= calendar year). */
  fiscalYear: number;
  /** The date of the evaluation, `YYYY-MM-DD`. */
  asOf: string;
  /** For person beneficiaries: the person's hashed ID number (per-person facts are read for it). */
  subject?: string;
  history?: GrantHistory;
}

/**
 * Evaluates a compiled program for one enterprise (and person): every eligibility clause, then the
 * amount and the caps. Synchronous and side-effect free; the result, including its evidence, is
 * self-contained and JSON-serialisable.
 *
 * An evaluation is eligible when every clause holds, the fiscal year lies within the program's
 * effective period, and the amount is not zero. When it is not eligible `amountFen` is 0.
 *
 * @throws {RangeError} on an invalid fiscal year, date, subject or history amount (caller defects);
 * problems in the data itself are reported as unmet conditions instead.
 */
export function evaluateProgram(program: CompiledProgram, input: EvaluationInput): Evaluation {
  checkInput(input);
  const subject = input.subject ?? null;
  const values: TemplateValues = { fy: input.fiscalYear, asOf: input.asOf };
  const lookup = new FactLookup({
    facts: input.facts,
    fiscalYear: input.fiscalYear,
    subject,
    authoritativeOnly: program.authoritativeOnly,
  });
  const unmet: UnmetCondition[] = [];
  const evidence: ClauseEvidence[] = [];

  const effective = checkEffectivePeriod(program, input.fiscalYear);
  if (effective) unmet.push(effective);

  const data = ruleData(program, lookup, input);
  let pending = false;
  for (const clause of program.clauses) {
    const result = evaluateClause(program, clause, lookup, data, input, values);
    evidence.push(result.evidence);
    if (result.evidence.passed === null) pending = true;
    if (result.unmet) unmet.push(result.unmet);
  }

  const amountEvidence: ClauseEvidence = { clauseId: 'amount', passed: true, facts: [] };
  const inputs = amountInputs(program, lookup, input, amountEvidence);
  const outcome = applyCaps(computeAmount(program.amount, inputs), program.settings.caps, input.history);
  amountEvidence.passed = outcome.unmet.length === 0;
  if (amountEvidence.facts.length > 0 || amountEvidence.form || amountEvidence.missing)
    evidence.push(amountEvidence);
  unmet.push(...outcome.unmet);

  if (unmet.length === 0 && outcome.amountFen === 0) {
    unmet.push({
      clauseId: BUILT_IN_CONDITIONS.zero,
      reason: { zh: '计算金额为零', en: 'the computed amount is zero' },
    });
  }
  const eligible = unmet.length === 0;
  return {
    programCode: program.code,
    version: program.version,
    title: program.title,
    mode: program.mode,
    beneficiary: program.beneficiary,
    period: program.period,
    exclusivityGroup: program.exclusivityGroup,
    fiscalYear: input.fiscalYear,
    asOf: input.asOf,
    subject,
    eligible,
    provisional: pending || outcome.formPending,
    amountFen: eligible ? outcome.amountFen : 0,
    ...(eligible && outcome.amountFen === null && outcome.maxAmountFen !== undefined
      ? { maxAmountFen: outcome.maxAmountFen }
      : {}),
    unmet,
    evidence,
    amount: {
      kind: program.amount.kind,
      steps: outcome.steps,
      capsApplied: outcome.capsApplied,
      ...(outcome.installment ? { installment: outcome.installment } : {}),
    },
  };
}

function checkInput(input: EvaluationInput): void {
  if (!isFiscalYear(input.fiscalYear))
    throw new RangeError(`fiscalYear must be an integer year, got ${String(input.fiscalYear)}`);
  if (!isIsoDate(input.asOf))
    throw new RangeError(`asOf must be a date YYYY-MM-DD, got ${String(input.asOf)}`);
  if (input.subject !== undefined && (typeof input.subject !== 'string' || input.subject === '')) {
    throw new RangeError('subject must be a non-empty string (the hashed ID number)');
  }
  if (
    input.form !== undefined &&
    (typeof input.form !== 'object' || input.form === null || Array.isArray(input.form))
  ) {
    throw new RangeError('form must be an object (validate it with validateForm first)');
  }
}

function checkEffectivePeriod(program: CompiledProgram, fy: number): UnmetCondition | undefined {
  const from = program.effectiveFrom;
  const to = program.effectiveTo;
  if (fiscalYearEnd(fy) >= from && (to === null || fiscalYearStart(fy) <= to)) return undefined;
  const period = to === null ? `${from} 起` : `${from} 至 ${to}`;
  const periodEn = to === null ? `from ${from}` : `from ${from} to ${to}`;
  return {
    clauseId: BUILT_IN_CONDITIONS.effectivePeriod,
    reason: {
      zh: `${fy}年度不在本项目有效期（${period}）内`,
      en: `fiscal year ${fy} is outside the program's effective period (${periodEn})`,
    },
  };
}

/** The JSON Logic data: `fy`, `asOf`, `params`, `form`, and `facts.<key>.<fy|prev|latest|YYYY>`. */
function ruleData(
  program: CompiledProgram,
  lookup: FactLookup,
  input: EvaluationInput,
): Record<string, unknown> {
  const facts: Record<string, Record<string, unknown>> = {};
  for (const clause of program.clauses) {
    for (const read of clause.factReads) {
      const wholeRead: FactRead = { key: read.key, selector: read.selector };
      const result = lookup.read(wholeRead);
      const byPeriod = (facts[read.key] ??= {});
      byPeriod[String(read.selector)] = result.found ? result.value : null;
    }
  }
  // A prototype-free copy: a rule reading form.constructor must see the form, not Object.prototype.
  const form: Record<string, unknown> = Object.assign(
    Object.create(null) as Record<string, unknown>,
    input.form,
  );
  return { fy: input.fiscalYear, asOf: input.asOf, params: program.params, form, facts };
}

interface ClauseResult {
  evidence: ClauseEvidence;
  unmet?: UnmetCondition;
}

function evaluateClause(
  program: CompiledProgram,
  clause: CompiledClause,
  lookup: FactLookup,
  data: Record<string, unknown>,
  input: EvaluationInput,
  values: TemplateValues,
): ClauseResult {
  const facts: FactSnapshot[] = [];
  const missing: MissingInput[] = [];
  for (const read of clause.factReads) {
    const result = lookup.read(read);
    if (result.found) pushSnapshot(facts, result.record);
    else missing.push(result.missing);
  }
  const evidence: ClauseEvidence = { clauseId: clause.id, passed: null, facts };
  if (clause.formFields.length > 0) {
    // Without a form the clause stays pending, unless facts it needs are already missing.
    if (input.form === undefined && (missing.length === 0 || clause.whenMissing === 'evaluate')) {
      if (missing.length > 0) evidence.missing = missing;
      return { evidence };
    }
    const form: Record<string, FormValue | null> = {};
    for (const name of input.form === undefined ? [] : clause.formFields) {
      const value = ownValue(input.form, name);
      form[name] = value === undefined || value === null ? null : (value as FormValue);
      if (form[name] === null) missing.push({ kind: 'form', field: name });
    }
    if (input.form !== undefined) evidence.form = form;
  }
  if (missing.length > 0) evidence.missing = missing;
  const reason = renderText(clause.reason, values);

  if (missing.length > 0 && clause.whenMissing === 'fail') {
    evidence.passed = false;
    return {
      evidence,
      unmet: {
        clauseId: clause.id,
        reason: withMissing(program, reason, missing, input.fiscalYear),
        missing,
      },
    };
  }
  try {
    evidence.passed = isTruthy(applyRule(clause.rule, data));
  } catch (error) {
    evidence.passed = false;
    return {
      evidence,
      unmet: { clauseId: clause.id, reason, error: error instanceof Error ? error.message : String(error) },
    };
  }
  return evidence.passed ? { evidence } : { evidence, unmet: { clauseId: clause.id, reason } };
}

function withMissing(
  program: CompiledProgram,
  reason: LocalizedText,
  missing: MissingInput[],
  fy: number,
): LocalizedText {
  const described = missing.map((m) => describeMissing(m, fy, formLabel(program, m)));
  return {
    zh: `${reason.zh}（${described.map((d) => d.zh).join('；')}）`,
    en: `${reason.en} (${described.map((d) => d.en).join('; ')})`,
  };
}

function formLabel(program: CompiledProgram, missing: MissingInput): LocalizedText | undefined {
  return missing.kind === 'form'
    ? program.formFields.find((f) => f.name === missing.field)?.label
    : undefined;
}

function amountInputs(
  program: CompiledProgram,
  lookup: FactLookup,
  input: EvaluationInput,
  evidence: ClauseEvidence,
): AmountInputs {
  return {
    fiscalYear: input.fiscalYear,
    resolve: (source: ValueSource): ResolvedInput => resolveSource(source, lookup, input.form, evidence),
    describeMissing: (missing) => describeMissing(missing, input.fiscalYear, formLabel(program, missing)),
  };
}

/** Resolves an amount input and records it in the amount's evidence. */
export function resolveSource(
  source: ValueSource,
  lookup: FactLookup,
  form: Readonly<Record<string, unknown>> | undefined,
  evidence: ClauseEvidence,
): ResolvedInput {
  if (source.source === 'constant') return { status: 'value', value: source.value };
  if (source.source === 'form') {
    if (form === undefined) return { status: 'form-not-given' };
    const value = ownValue(form, source.name);
    evidence.form = {
      ...evidence.form,
      [source.name]: value === undefined || value === null ? null : (value as FormValue),
    };
    if (value === undefined || value === null) {
      const missing: MissingInput = { kind: 'form', field: source.name };
      evidence.missing = [...(evidence.missing ?? []), missing];
      return { status: 'missing', missing };
    }
    return { status: 'value', value };
  }
  const result = lookup.read(source.read);
  if (!result.found) {
    evidence.missing = [...(evidence.missing ?? []), result.missing];
    return { status: 'missing', missing: result.missing };
  }
  pushSnapshot(evidence.facts, result.record);
  return { status: 'value', value: result.value };
}

function ownValue(form: Readonly<Record<string, unknown>> | undefined, name: string): unknown {
  return form !== undefined && Object.prototype.hasOwnProperty.call(form, name) ? form[name] : undefined;
}

function pushSnapshot(facts: FactSnapshot[], record: FactRecord): void {
  if (!facts.some((f) => f.factId === record.id)) facts.push(snapshotOf(record));
}
