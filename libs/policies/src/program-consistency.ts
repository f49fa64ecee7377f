import { FACT_KEYS } from './facts';
import { isIsoDate } from './dates';
import type { Issue } from './issues';
import { joinPath } from './issues';
import { checkParameterForSlot, numericSlots, resolveNumber } from './numeric-slots';
import type { NumberOrParam, ProgramDefinition, ValueRef } from './program-definition';
import { MAX_RATE_BASIS_POINTS } from './vocabulary';
import { type ReferenceContext, type ReferenceType, resolveValueRef, resolveVarPath } from './references';
import { analyseRule } from './rule-analysis';
import { checkTemplate } from './templates';
import type { ValueKind } from './value-shape';

/**
 * Cross-field checks of a structurally valid definition. Every issue names the offending field.
 * Called by `parseProgramDefinition`; exported for tests and tooling.
 */
export function checkProgramConsistency(def: ProgramDefinition): Issue[] {
  const issues: Issue[] = [];
  const ctx: ReferenceContext = {
    parameters: def.parameters,
    formFields: def.formFields,
    mode: def.mode,
    beneficiary: def.beneficiary,
  };
  checkCodes(def, issues);
  checkEffectivePeriod(def, issues);
  checkParameters(def, issues);
  checkNumericSlots(def, issues);
  checkFormFields(def, issues);
  checkClauses(def, ctx, issues);
  checkAmount(def, ctx, issues);
  checkInstallments(def, issues);
  checkRouteAndMode(def, issues);
  checkDocuments(def, issues);
  return issues;
}

function checkCodes(def: ProgramDefinition, issues: Issue[]): void {
  const prefix = `${def.zone}.`;
  if (!def.code.startsWith(prefix))
    issues.push({ path: 'code', message: `must start with the zone code "${prefix}"` });
  if (!def.policyDocument.code.startsWith(prefix)) {
    issues.push({ path: 'policyDocument.code', message: `must start with the zone code "${prefix}"` });
  }
  if (def.exclusivityGroup !== undefined && !def.exclusivityGroup.startsWith(prefix)) {
    issues.push({ path: 'exclusivityGroup', message: `must start with the zone code "${prefix}"` });
  }
}

function checkEffectivePeriod(def: ProgramDefinition, issues: Issue[]): void {
  if (def.effectiveTo !== null && def.effectiveTo <= def.effectiveFrom) {
    issues.push({ path: 'effectiveTo', message: 'must be after effectiveFrom' });
  }
}

function checkParameters(def: ProgramDefinition, issues: Issue[]): void {
  for (const [name, p] of Object.entries(def.parameters)) {
    const at = `parameters.${name}`;
    if (p.origin === 'assumption' && (p.note === undefined || p.note.trim() === '')) {
      issues.push({
        path: `${at}.note`,
        message: 'an assumption must carry a note saying what the source leaves open',
      });
    }
    const v = p.value;
    if (p.unit === 'fen' && !(typeof v === 'number' && v >= 0)) {
      issues.push({ path: `${at}.value`, message: 'an amount in fen must be a non-negative integer' });
    }
    if (p.unit === 'bp' && !(typeof v === 'number' && v >= 0 && v <= MAX_RATE_BASIS_POINTS)) {
      issues.push({
        path: `${at}.value`,
        message: `a rate must be an integer from 0 to ${MAX_RATE_BASIS_POINTS} basis points`,
      });
    }
    if (p.unit === 'date' && !isIsoDate(v)) {
      issues.push({ path: `${at}.value`, message: 'a date parameter must be a real date YYYY-MM-DD' });
    }
    if (p.unit === 'milli' && typeof v !== 'number') {
      issues.push({ path: `${at}.value`, message: 'a value in thousandths must be an integer' });
    }
  }
}

function checkNumericSlots(def: ProgramDefinition, issues: Issue[]): void {
  for (const slot of numericSlots(def)) {
    if (typeof slot.value === 'number') continue;
    const message = checkParameterForSlot(slot.kind, slot.value.param, def.parameters[slot.value.param]);
    if (message) issues.push({ path: `${slot.path}.param`, message });
  }
}

const NUMERIC_FORM_TYPES: readonly string[] = ['integer', 'money_fen', 'area_m2'];
const TEXT_FORM_TYPES: readonly string[] = ['string', 'text'];

function checkFormFields(def: ProgramDefinition, issues: Issue[]): void {
  def.dedupFormFields.forEach((name, i) => {
    const field = def.formFields.find((f) => f.name === name);
    if (!field)
      issues.push({ path: `dedupFormFields.${i}`, message: `"${name}" is not a declared form field` });
    else if (!field.required)
      issues.push({ path: `dedupFormFields.${i}`, message: `"${name}" must be a required form field` });
  });
  const seen = new Set<string>();
  def.formFields.forEach((field, i) => {
    const at = `formFields.${i}`;
    if (seen.has(field.name))
      issues.push({ path: `${at}.name`, message: `duplicate form field "${field.name}"` });
    seen.add(field.name);
    if (field.type === 'enum') {
      if (!field.options || field.options.length === 0)
        issues.push({ path: `${at}.options`, message: 'an enum needs options' });
      else if (new Set(field.options).size !== field.options.length) {
        issues.push({ path: `${at}.options`, message: 'options must be unique' });
      }
      for (const key of Object.keys(field.optionLabels ?? {})) {
        if (!field.options?.includes(key))
          issues.push({ path: `${at}.optionLabels.${key}`, message: `"${key}" is not one of the options` });
      }
    } else if (field.options !== undefined) {
      issues.push({ path: `${at}.options`, message: 'only enum fields have options' });
    } else if (field.optionLabels !== undefined) {
      issues.push({ path: `${at}.optionLabels`, message: 'only enum fields have option labels' });
    }
    const numeric = NUMERIC_FORM_TYPES.includes(field.type);
    for (const bound of ['min', 'max'] as const) {
      const value = field[bound];
      if (value === undefined) continue;
      if (!numeric)
        issues.push({
          path: `${at}.${bound}`,
          message: `only integer, money_fen and area_m2 fields have ${bound}`,
        });
      else if (field.type !== 'integer' && value < 0)
        issues.push({ path: `${at}.${bound}`, message: 'must not be negative' });
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
      issues.push({ path: `${at}.max`, message: 'must not be below min' });
    }
    if (field.maxLength !== undefined && !TEXT_FORM_TYPES.includes(field.type)) {
      issues.push({ path: `${at}.maxLength`, message: 'only string and text fields have maxLength' });
    }
  });
}

function checkClauses(def: ProgramDefinition, ctx: ReferenceContext, issues: Issue[]): void {
  const ids = new Set<string>();
  def.eligibility.forEach((clause, i) => {
    const at = `eligibility.${i}`;
    if (ids.has(clause.id)) issues.push({ path: `${at}.id`, message: `duplicate clause id "${clause.id}"` });
    ids.add(clause.id);
    const analysis = analyseRule(clause.rule);
    for (const issue of analysis.issues)
      issues.push({ path: joinPath(`${at}.rule`, issue.path), message: issue.message });
    for (const variable of analysis.variables) {
      const resolved = resolveVarPath(variable.path, ctx);
      if (!resolved.ok) issues.push({ path: joinPath(`${at}.rule`, variable.at), message: resolved.message });
    }
    for (const lang of ['zh', 'en'] as const) {
      for (const message of checkTemplate(clause.reason[lang], def.parameters)) {
        issues.push({ path: `${at}.reason.${lang}`, message });
      }
    }
  });
}

const QUANTITY_KINDS: readonly ValueKind[] = ['integer', 'area_m2'];
const MONEY_KINDS: readonly ValueKind[] = ['money_fen'];
const TIER_KINDS: readonly ValueKind[] = ['string', 'enum'];

function checkAmount(def: ProgramDefinition, ctx: ReferenceContext, issues: Issue[]): void {
  const a = def.amount;
  const ref = (path: string, value: ValueRef | undefined, kinds: readonly ValueKind[], what: string) =>
    value === undefined ? undefined : checkRef(path, value, kinds, what, ctx, issues);
  switch (a.kind) {
    case 'fixed-by-tier': {
      const type = ref('amount.tierFrom', a.tierFrom, TIER_KINDS, 'a tier (a string or an enum)');
      checkTiers(Object.keys(a.tiers), type, issues);
      const constant = 'param' in a.tierFrom ? def.parameters[a.tierFrom.param]?.value : undefined;
      if (typeof constant === 'string' && !Object.prototype.hasOwnProperty.call(a.tiers, constant)) {
        issues.push({
          path: 'amount.tierFrom.param',
          message: `tier "${constant}" has no amount in amount.tiers`,
        });
      }
      break;
    }
    case 'rate-per-unit':
      ref('amount.quantityFrom', a.quantityFrom, QUANTITY_KINDS, 'a quantity (an integer or an area)');
      ref('amount.multiplierFrom', a.multiplierFrom, QUANTITY_KINDS, 'a multiplier (an integer)');
      break;
    case 'percentage-of-base':
      ref('amount.baseFrom', a.baseFrom, MONEY_KINDS, 'an amount in fen');
      break;
    case 'percentage-of-increase':
      ref('amount.currentFrom', a.currentFrom, MONEY_KINDS, 'an amount in fen');
      ref('amount.previousFrom', a.previousFrom, MONEY_KINDS, 'an amount in fen');
      break;
    case 'installments-of-prior-year': {
      const base = a.baseFrom;
      if (!('fact' in base)) {
        issues.push({ path: 'amount.baseFrom', message: 'an installment base must be a fiscal-year fact' });
        break;
      }
      const type = ref('amount.baseFrom', base, MONEY_KINDS, 'an amount in fen');
      if (type && FACT_KEYS[base.fact as keyof typeof FACT_KEYS].periodKind !== 'fiscal-year') {
        issues.push({
          path: 'amount.baseFrom.fact',
          message: 'an installment base must be a fiscal-year fact',
        });
      }
      if (base.period !== undefined && base.period !== 'prev') {
        issues.push({
          path: 'amount.baseFrom.period',
          message: 'installment year Y reads year Y-1: omit period or use prev',
        });
      }
      break;
    }
    case 'fixed':
    case 'set-by-review':
      break;
  }
}

function checkRef(
  path: string,
  value: ValueRef,
  kinds: readonly ValueKind[],
  what: string,
  ctx: ReferenceContext,
  issues: Issue[],
): ReferenceType | undefined {
  const resolved = resolveValueRef(value, ctx);
  if (!resolved.ok) {
    issues.push({ path, message: resolved.message });
    return undefined;
  }
  const { type } = resolved.value;
  if (!kinds.includes(type.kind)) {
    issues.push({ path, message: `must yield ${what}, but yields ${type.kind}` });
    return undefined;
  }
  return type;
}

function checkTiers(tiers: readonly string[], type: ReferenceType | undefined, issues: Issue[]): void {
  if (tiers.length === 0) {
    issues.push({ path: 'amount.tiers', message: 'declare at least one tier' });
    return;
  }
  if (!type?.options) return;
  for (const option of type.options) {
    if (!tiers.includes(option))
      issues.push({ path: 'amount.tiers', message: `no amount for tier "${option}"` });
  }
  for (const tier of tiers) {
    if (!type.options.includes(tier)) {
      issues.push({
        path: `amount.tiers.${tier}`,
        message: `"${tier}" is not a possible tier (${type.options.join(', ')})`,
      });
    }
  }
}

function checkInstallments(def: ProgramDefinition, issues: Issue[]): void {
  const isPlan = def.amount.kind === 'installments-of-prior-year';
  if (isPlan && !def.installments) {
    issues.push({
      path: 'installments',
      message: 'an installments-of-prior-year amount needs installments: { years }',
    });
  }
  if (!isPlan && def.installments) {
    issues.push({
      path: 'installments',
      message: 'only installments-of-prior-year amounts are paid in installments',
    });
  }
  if (def.amount.kind === 'installments-of-prior-year' && def.installments) {
    const planYears = tryResolve(def.installments.years, def);
    const amountYears = tryResolve(def.amount.years, def);
    if (planYears !== undefined && amountYears !== undefined && planYears !== amountYears) {
      issues.push({ path: 'installments.years', message: `must equal amount.years (${amountYears})` });
    }
  }
}

function tryResolve(value: NumberOrParam, def: ProgramDefinition): number | undefined {
  try {
    return resolveNumber(value, def.parameters);
  } catch {
    return undefined; // already reported as a bad parameter reference
  }
}

function checkRouteAndMode(def: ProgramDefinition, issues: Issue[]): void {
  const { route } = def;
  if (route.expertReview === 'above' && route.expertReviewAboveFen === undefined) {
    issues.push({ path: 'route.expertReviewAboveFen', message: 'required when expertReview is "above"' });
  }
  if (route.expertReview !== 'above' && route.expertReviewAboveFen !== undefined) {
    issues.push({ path: 'route.expertReviewAboveFen', message: 'only used when expertReview is "above"' });
  }
  if (def.mode === 'auto') {
    if (def.formFields.length > 0)
      issues.push({ path: 'formFields', message: 'auto programs have no application form' });
    if (def.sla.confirmation === undefined) {
      issues.push({
        path: 'sla.confirmation',
        message: 'auto programs need a deadline for the enterprise to confirm',
      });
    }
  }
  if (def.mode === 'commitment' && def.sla.postVerification === undefined) {
    issues.push({
      path: 'sla.postVerification',
      message: 'commitment programs need a deadline for post-verification',
    });
  }
  if (def.beneficiary === 'person' && def.mode !== 'auto') {
    if (!def.formFields.some((f) => f.type === 'id_number' && f.required)) {
      issues.push({
        path: 'formFields',
        message:
          'a program for persons needs a required id_number field (one person, one award is checked on its hash)',
      });
    }
  }
  if (def.caps.perPersonFen !== undefined && def.beneficiary === 'enterprise') {
    issues.push({
      path: 'caps.perPersonFen',
      message: 'a per-person cap needs a person or investor beneficiary',
    });
  }
}

function checkDocuments(def: ProgramDefinition, issues: Issue[]): void {
  const seen = new Set<string>();
  def.documents.forEach((doc, i) => {
    if (seen.has(doc.type))
      issues.push({ path: `documents.${i}.type`, message: `duplicate document type "${doc.type}"` });
    seen.add(doc.type);
  });
}
