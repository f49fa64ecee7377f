import { factLabel } from './facts';
import type { LocalizedText } from './localized-text';
import { resolveNumber } from './numeric-slots';
import {
  type AmountRule,
  type Beneficiary,
  type FormField,
  type GrantPeriod,
  type JsonValue,
  type NumberOrParam,
  type ParameterValue,
  type ProgramDefinition,
  type ProgramMode,
  type ValueRef,
  parseProgramDefinition,
} from './program-definition';
import { type FactRead, type ReferenceContext, resolveValueRef, resolveVarPath } from './references';
import { analyseRule } from './rule-analysis';
import { type ProgramSettings, resolveProgramSettings } from './settings';
import { type CompiledText, compileText } from './templates';
import type { ValueKind } from './value-shape';

/** Where an amount input comes from, resolved at compile time (parameters become constants). */
export type ValueSource =
  | { source: 'fact'; read: FactRead; kind: ValueKind; label: LocalizedText }
  | { source: 'form'; name: string; kind: ValueKind; label: LocalizedText }
  | { source: 'constant'; value: ParameterValue; kind: ValueKind; label: LocalizedText };

/** An amount rule with every parameter resolved to a number. */
export type CompiledAmount =
  | { kind: 'fixed'; amountFen: number }
  | { kind: 'fixed-by-tier'; tierFrom: ValueSource; tiers: Readonly<Record<string, number>> }
  | { kind: 'rate-per-unit'; rateFen: number; quantityFrom: ValueSource; multiplierFrom?: ValueSource }
  | {
      kind: 'percentage-of-base';
      baseFrom: ValueSource;
      rateBasisPoints: number;
      minBaseFen?: number;
      capFen?: number;
    }
  | {
      kind: 'percentage-of-increase';
      currentFrom: ValueSource;
      previousFrom: ValueSource;
      rateBasisPoints: number;
      capFen?: number;
    }
  | { kind: 'installments-of-prior-year'; baseFrom: ValueSource; rateBasisPoints: number; years: number }
  | { kind: 'set-by-review'; maxFen: number };

export interface CompiledClause {
  id: string;
  rule: JsonValue;
  whenMissing: 'fail' | 'evaluate';
  /** The reason with parameters rendered; `{fy}`, `{prev}`, `{asOf}` are filled in per evaluation. */
  reason: CompiledText;
  /** The facts the rule reads (known statically: `var` paths are literals). */
  factReads: readonly FactRead[];
  /** The form fields the rule reads. */
  formFields: readonly string[];
}

/** A program prepared for evaluation: build once per program version, evaluate many times. */
export interface CompiledProgram {
  readonly definition: ProgramDefinition;
  readonly code: string;
  readonly version: number;
  readonly zone: string;
  readonly title: LocalizedText;
  readonly mode: ProgramMode;
  readonly beneficiary: Beneficiary;
  readonly period: GrantPeriod;
  readonly exclusivityGroup: string | null;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly settings: ProgramSettings;
  readonly formFields: readonly FormField[];
  /** Parameter values, as rules see them under `params`. */
  readonly params: Readonly<Record<string, ParameterValue>>;
  readonly clauses: readonly CompiledClause[];
  readonly amount: CompiledAmount;
  /** Every fact read by a clause or by the amount (deduplicated). */
  readonly factReads: readonly FactRead[];
  /** `auto` programs only trust authoritative sources (self-declared facts are ignored). */
  readonly authoritativeOnly: boolean;
}

/**
 * Does all per-program work once: validates the definition (it may come straight from jsonb),
 * resolves parameters, works out which facts and form fields each clause reads, and pre-renders
 * reason templates. The result is frozen and safe to share between evaluations.
 *
 * @throws {ProgramDefinitionError} when the definition is invalid.
 */
export function compileProgram(definition: ProgramDefinition): CompiledProgram {
  // Cloned first: compiled programs are frozen and must not freeze (or alias) the caller's object.
  const def = parseProgramDefinition(structuredClone(definition));
  const ctx: ReferenceContext = {
    parameters: def.parameters,
    formFields: def.formFields,
    mode: def.mode,
    beneficiary: def.beneficiary,
  };
  const params: Record<string, ParameterValue> = {};
  for (const [name, p] of Object.entries(def.parameters)) params[name] = p.value;

  const clauses = def.eligibility.map((clause): CompiledClause => {
    const factReads: FactRead[] = [];
    const formFields: string[] = [];
    for (const variable of analyseRule(clause.rule).variables) {
      const resolved = resolveVarPath(variable.path, ctx);
      if (!resolved.ok) continue; // impossible after parsing
      const ref = resolved.value;
      if (ref.root === 'fact') addRead(factReads, ref.read);
      if (ref.root === 'form' && !formFields.includes(ref.name)) formFields.push(ref.name);
    }
    return deepFreeze({
      id: clause.id,
      rule: clause.rule,
      whenMissing: clause.whenMissing,
      reason: compileText(clause.reason, def.parameters),
      factReads,
      formFields,
    });
  });

  const amount = compileAmount(def.amount, def, ctx);
  const factReads: FactRead[] = [];
  for (const clause of clauses) for (const read of clause.factReads) addRead(factReads, read);
  for (const source of amountSources(amount)) if (source.source === 'fact') addRead(factReads, source.read);

  return deepFreeze({
    definition: def,
    code: def.code,
    version: def.version,
    zone: def.zone,
    title: def.title,
    mode: def.mode,
    beneficiary: def.beneficiary,
    period: def.period,
    exclusivityGroup: def.exclusivityGroup ?? null,
    effectiveFrom: def.effectiveFrom,
    effectiveTo: def.effectiveTo,
    settings: resolveProgramSettings(def),
    formFields: def.formFields,
    params,
    clauses,
    amount,
    factReads,
    authoritativeOnly: def.mode === 'auto',
  });
}

function compileAmount(rule: AmountRule, def: ProgramDefinition, ctx: ReferenceContext): CompiledAmount {
  const n = (value: NumberOrParam) => resolveNumber(value, def.parameters);
  /** `{ [name]: number }` when the optional value is set, `{}` otherwise (no undefined properties). */
  const optional = <K extends string>(name: K, value: NumberOrParam | undefined) =>
    (value === undefined ? {} : { [name]: n(value) }) as Partial<Record<K, number>>;
  const src = (ref: ValueRef) => valueSource(ref, def, ctx);
  switch (rule.kind) {
    case 'fixed':
      return { kind: 'fixed', amountFen: n(rule.amountFen) };
    case 'fixed-by-tier': {
      const tiers: Record<string, number> = {};
      for (const [tier, value] of Object.entries(rule.tiers)) tiers[tier] = n(value);
      return { kind: 'fixed-by-tier', tierFrom: src(rule.tierFrom), tiers };
    }
    case 'rate-per-unit':
      return {
        kind: 'rate-per-unit',
        rateFen: n(rule.rateFen),
        quantityFrom: src(rule.quantityFrom),
        ...(rule.multiplierFrom ? { multiplierFrom: src(rule.multiplierFrom) } : {}),
      };
    case 'percentage-of-base':
      return {
        kind: 'percentage-of-base',
        baseFrom: src(rule.baseFrom),
        rateBasisPoints: n(rule.rateBasisPoints),
        ...optional('minBaseFen', rule.minBaseFen),
        ...optional('capFen', rule.capFen),
      };
    case 'percentage-of-increase':
      return {
        kind: 'percentage-of-increase',
        currentFrom: src(rule.currentFrom),
        previousFrom: src(rule.previousFrom),
        rateBasisPoints: n(rule.rateBasisPoints),
        ...optional('capFen', rule.capFen),
      };
    case 'installments-of-prior-year':
      return {
        kind: 'installments-of-prior-year',
        baseFrom: src({ ...rule.baseFrom, period: 'prev' } as ValueRef),
        rateBasisPoints: n(rule.rateBasisPoints),
        years: n(rule.years),
      };
    case 'set-by-review':
      return { kind: 'set-by-review', maxFen: n(rule.maxFen) };
  }
}

function valueSource(ref: ValueRef, def: ProgramDefinition, ctx: ReferenceContext): ValueSource {
  const resolved = resolveValueRef(ref, ctx);
  if (!resolved.ok) throw new TypeError(resolved.message); // impossible after parsing
  const { reference, type } = resolved.value;
  switch (reference.root) {
    case 'param': {
      const p = def.parameters[reference.name];
      return { source: 'constant', value: p.value, kind: type.kind, label: p.description };
    }
    case 'form': {
      const field = def.formFields.find((f) => f.name === reference.name) as FormField;
      return { source: 'form', name: reference.name, kind: type.kind, label: field.label };
    }
    case 'fact':
      return {
        source: 'fact',
        read: reference.read,
        kind: type.kind,
        label: factLabel(reference.read.key, reference.read.field),
      };
    case 'context':
      throw new TypeError('amount inputs cannot be fy or asOf'); // ValueRefs cannot express these
  }
}

/** The value sources an amount reads. */
export function amountSources(amount: CompiledAmount): ValueSource[] {
  switch (amount.kind) {
    case 'fixed':
    case 'set-by-review':
      return [];
    case 'fixed-by-tier':
      return [amount.tierFrom];
    case 'rate-per-unit':
      return amount.multiplierFrom ? [amount.quantityFrom, amount.multiplierFrom] : [amount.quantityFrom];
    case 'percentage-of-base':
    case 'installments-of-prior-year':
      return [amount.baseFrom];
    case 'percentage-of-increase':
      return [amount.currentFrom, amount.previousFrom];
  }
}

function addRead(reads: FactRead[], read: FactRead): void {
  if (!reads.some((r) => r.key === read.key && r.selector === read.selector && r.field === read.field))
    reads.push(read);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
