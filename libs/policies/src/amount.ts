import type { CompiledAmount, ValueSource } from './compile';
import {
  BUILT_IN_CONDITIONS,
  type InstallmentPosition,
  type MissingInput,
  type UnmetCondition,
} from './evaluation-types';
import { formatValue } from './format';
import type { LocalizedText } from './localized-text';
import {
  bigintToSafeNumber,
  exactProduct,
  formatBasisPointsAsPercent,
  formatFenAsYuan,
  formatInteger,
  isFen,
  percentageOfFen,
} from './money';

/** A value an amount needs, as the evaluator found it. */
export type ResolvedInput =
  | { status: 'value'; value: unknown }
  | { status: 'missing'; missing: MissingInput }
  | { status: 'form-not-given' };

/** What the amount calculators need from the evaluation. */
export interface AmountInputs {
  fiscalYear: number;
  resolve(source: ValueSource): ResolvedInput;
  describeMissing(missing: MissingInput): LocalizedText;
}

/** The amount before program caps, with its explanation. */
export interface AmountOutcome {
  /** null when it depends on a form value not given, or is set by review. */
  amountFen: number | null;
  /** The most it can be when `amountFen` is null, when that is known. */
  maxAmountFen?: number;
  steps: LocalizedText[];
  capsApplied: string[];
  /** Amount-level reasons the program does not pay (missing or invalid inputs, below minimum, ...). */
  unmet: UnmetCondition[];
  /** True when the amount waits for an application form. */
  formPending: boolean;
  installment?: InstallmentPosition;
}

/**
 * Computes an amount rule in integer fen. Percentages are exact (BigInt) and rounded DOWN to the
 * fen; products are exact; a rule's own `capFen` is applied here, program caps by `applyCaps`.
 * Inputs that are missing or not valid non-negative safe integers produce an unmet condition,
 * never an exception.
 *
 * @param installmentIndex for `installments-of-prior-year`: which installment `inputs.fiscalYear` pays (1-based).
 */
export function computeAmount(
  amount: CompiledAmount,
  inputs: AmountInputs,
  installmentIndex = 1,
): AmountOutcome {
  const out: AmountOutcome = { amountFen: null, steps: [], capsApplied: [], unmet: [], formPending: false };
  switch (amount.kind) {
    case 'fixed':
      out.amountFen = amount.amountFen;
      out.steps.push(
        text(`定额补助 ${yuan(amount.amountFen)} 元`, `Fixed amount: ${yuan(amount.amountFen)} yuan`),
      );
      return out;
    case 'set-by-review':
      out.maxAmountFen = amount.maxFen;
      out.steps.push(
        text(
          `金额由评审确定，最高 ${yuan(amount.maxFen)} 元`,
          `Amount set by review, up to ${yuan(amount.maxFen)} yuan`,
        ),
      );
      return out;
    case 'fixed-by-tier':
      return byTier(amount, inputs, out);
    case 'rate-per-unit':
      return perUnit(amount, inputs, out);
    case 'percentage-of-base':
      return ofBase(amount, inputs, out);
    case 'percentage-of-increase':
      return ofIncrease(amount, inputs, out);
    case 'installments-of-prior-year':
      return installment(amount, inputs, installmentIndex, out);
  }
}

type Read<T> = { ok: true; value: T } | { ok: false };

/** Reads a source; records why it could not be used. */
function read(source: ValueSource, inputs: AmountInputs, out: AmountOutcome): Read<unknown> {
  const resolved = inputs.resolve(source);
  if (resolved.status === 'value') return { ok: true, value: resolved.value };
  if (resolved.status === 'form-not-given') {
    out.formPending = true;
  } else {
    out.unmet.push({
      clauseId: BUILT_IN_CONDITIONS.missingValue,
      reason: inputs.describeMissing(resolved.missing),
      missing: [resolved.missing],
    });
  }
  return { ok: false };
}

/** Reads a non-negative safe integer (fen, m², months, ...). */
function readCount(source: ValueSource, inputs: AmountInputs, out: AmountOutcome): Read<number> {
  const r = read(source, inputs, out);
  if (!r.ok) return r;
  if (!isFen(r.value)) {
    out.unmet.push({
      clauseId: BUILT_IN_CONDITIONS.invalidValue,
      reason: text(
        `${source.label.zh}的值无效（须为非负整数）：${String(r.value)}`,
        `${source.label.en} is not a non-negative integer: ${String(r.value)}`,
      ),
    });
    return { ok: false };
  }
  out.steps.push(labelled(source, inputs.fiscalYear, formatValue(source.kind, r.value)));
  return { ok: true, value: r.value };
}

function byTier(
  amount: Extract<CompiledAmount, { kind: 'fixed-by-tier' }>,
  inputs: AmountInputs,
  out: AmountOutcome,
) {
  const r = read(amount.tierFrom, inputs, out);
  const tiers = Object.keys(amount.tiers);
  if (!r.ok) {
    if (out.formPending) {
      out.maxAmountFen = Math.max(...Object.values(amount.tiers));
      out.steps.push(
        text(
          `按${amount.tierFrom.label.zh}确定：${tiers.map((t) => `${t} ${yuan(amount.tiers[t])} 元`).join('；')}`,
          `Depends on ${amount.tierFrom.label.en}: ${tiers.map((t) => `${t} ${yuan(amount.tiers[t])} yuan`).join('; ')}`,
        ),
      );
    }
    return out;
  }
  const tier = r.value;
  if (typeof tier !== 'string' || !Object.prototype.hasOwnProperty.call(amount.tiers, tier)) {
    out.unmet.push({
      clauseId: BUILT_IN_CONDITIONS.unknownTier,
      reason: text(
        `${amount.tierFrom.label.zh}“${String(tier)}”不在本项目支持范围内（${tiers.join('、')}）`,
        `${amount.tierFrom.label.en} "${String(tier)}" is not one this program pays for (${tiers.join(', ')})`,
      ),
    });
    return out;
  }
  out.amountFen = amount.tiers[tier];
  out.steps.push(
    text(
      `${amount.tierFrom.label.zh}：${tier}，补助 ${yuan(out.amountFen)} 元`,
      `${amount.tierFrom.label.en}: ${tier} → ${yuan(out.amountFen)} yuan`,
    ),
  );
  return out;
}

function perUnit(
  amount: Extract<CompiledAmount, { kind: 'rate-per-unit' }>,
  inputs: AmountInputs,
  out: AmountOutcome,
) {
  const quantity = readCount(amount.quantityFrom, inputs, out);
  const multiplier = amount.multiplierFrom
    ? readCount(amount.multiplierFrom, inputs, out)
    : ({ ok: true, value: 1 } as const);
  if (!quantity.ok || !multiplier.ok) {
    if (out.formPending && out.unmet.length === 0) {
      out.steps.push(
        text(`按每单位 ${yuan(amount.rateFen)} 元计算`, `${yuan(amount.rateFen)} yuan per unit`),
      );
    }
    return out;
  }
  const product = bigintToSafeNumber(exactProduct(amount.rateFen, quantity.value, multiplier.value));
  if (product === null) {
    out.unmet.push({
      clauseId: BUILT_IN_CONDITIONS.outOfRange,
      reason: text('计算金额超出可表示范围', 'the computed amount is beyond the representable range'),
    });
    return out;
  }
  out.amountFen = product;
  const factors = amount.multiplierFrom
    ? `${formatInteger(quantity.value)} × ${formatInteger(multiplier.value)}`
    : formatInteger(quantity.value);
  out.steps.push(
    text(
      `${yuan(amount.rateFen)} 元 × ${factors} = ${yuan(product)} 元`,
      `${yuan(amount.rateFen)} yuan × ${factors} = ${yuan(product)} yuan`,
    ),
  );
  return out;
}

function ofBase(
  amount: Extract<CompiledAmount, { kind: 'percentage-of-base' }>,
  inputs: AmountInputs,
  out: AmountOutcome,
) {
  const base = readCount(amount.baseFrom, inputs, out);
  const rate = formatBasisPointsAsPercent(amount.rateBasisPoints);
  if (!base.ok) {
    if (out.formPending && out.unmet.length === 0) {
      if (amount.capFen !== undefined) out.maxAmountFen = amount.capFen;
      out.steps.push(
        text(
          `按${amount.baseFrom.label.zh}的 ${rate} 计算${amount.capFen !== undefined ? `，最高 ${yuan(amount.capFen)} 元` : ''}`,
          `${rate} of ${amount.baseFrom.label.en}${amount.capFen !== undefined ? `, up to ${yuan(amount.capFen)} yuan` : ''}`,
        ),
      );
    }
    return out;
  }
  if (amount.minBaseFen !== undefined) {
    if (base.value < amount.minBaseFen) {
      out.amountFen = 0;
      out.unmet.push({
        clauseId: BUILT_IN_CONDITIONS.belowMinimumBase,
        reason: text(
          `${amount.baseFrom.label.zh} ${yuan(base.value)} 元，未达到 ${yuan(amount.minBaseFen)} 元`,
          `${amount.baseFrom.label.en} of ${yuan(base.value)} yuan is below the minimum of ${yuan(amount.minBaseFen)} yuan`,
        ),
      });
      return out;
    }
    out.steps.push(
      text(
        `达到最低基数 ${yuan(amount.minBaseFen)} 元`,
        `Meets the minimum base of ${yuan(amount.minBaseFen)} yuan`,
      ),
    );
  }
  out.amountFen = percentage(base.value, amount.rateBasisPoints, out);
  applyRuleCap(amount.capFen, out);
  return out;
}

function ofIncrease(
  amount: Extract<CompiledAmount, { kind: 'percentage-of-increase' }>,
  inputs: AmountInputs,
  out: AmountOutcome,
) {
  const current = readCount(amount.currentFrom, inputs, out);
  const previous = readCount(amount.previousFrom, inputs, out);
  if (!current.ok || !previous.ok) {
    if (out.formPending && out.unmet.length === 0 && amount.capFen !== undefined)
      out.maxAmountFen = amount.capFen;
    return out;
  }
  const increase = current.value - previous.value;
  if (increase <= 0) {
    out.amountFen = 0;
    out.unmet.push({
      clauseId: BUILT_IN_CONDITIONS.noIncrease,
      reason: text(
        `${amount.currentFrom.label.zh}同比未增长（本期 ${yuan(current.value)} 元，上期 ${yuan(previous.value)} 元）`,
        `no year-on-year increase in ${amount.currentFrom.label.en} (${yuan(current.value)} yuan vs ${yuan(previous.value)} yuan)`,
      ),
    });
    return out;
  }
  out.steps.push(text(`同比增长 ${yuan(increase)} 元`, `Year-on-year increase: ${yuan(increase)} yuan`));
  out.amountFen = percentage(increase, amount.rateBasisPoints, out);
  applyRuleCap(amount.capFen, out);
  return out;
}

function installment(
  amount: Extract<CompiledAmount, { kind: 'installments-of-prior-year' }>,
  inputs: AmountInputs,
  index: number,
  out: AmountOutcome,
) {
  const fy = inputs.fiscalYear;
  out.installment = { index, years: amount.years, fiscalYear: fy, baseFiscalYear: fy - 1 };
  out.steps.push(
    text(
      `分期第 ${index}/${amount.years} 期（${fy}年度），以${fy - 1}年度${amount.baseFrom.label.zh}为基数`,
      `Installment ${index} of ${amount.years} (fiscal year ${fy}), based on ${amount.baseFrom.label.en} of fiscal year ${fy - 1}`,
    ),
  );
  const base = readCount(amount.baseFrom, inputs, out);
  if (!base.ok) return out;
  out.amountFen = percentage(base.value, amount.rateBasisPoints, out);
  return out;
}

function percentage(baseFen: number, basisPoints: number, out: AmountOutcome): number {
  const result = percentageOfFen(baseFen, basisPoints);
  const rate = formatBasisPointsAsPercent(basisPoints);
  out.steps.push(
    text(
      `${yuan(baseFen)} 元 × ${rate} = ${yuan(result)} 元（向下取整到分）`,
      `${yuan(baseFen)} yuan × ${rate} = ${yuan(result)} yuan (rounded down to the fen)`,
    ),
  );
  return result;
}

function applyRuleCap(capFen: number | undefined, out: AmountOutcome): void {
  if (capFen === undefined || out.amountFen === null || out.amountFen <= capFen) return;
  out.amountFen = capFen;
  out.capsApplied.push('amount.capFen');
  out.steps.push(
    text(`超过上限，按上限 ${yuan(capFen)} 元`, `Capped at the maximum of ${yuan(capFen)} yuan`),
  );
}

function labelled(source: ValueSource, fy: number, value: LocalizedText): LocalizedText {
  const suffix = periodSuffix(source, fy);
  return text(
    `${source.label.zh}${suffix.zh}：${value.zh}`,
    `${capitalise(source.label.en)}${suffix.en}: ${value.en}`,
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function periodSuffix(source: ValueSource, fy: number): LocalizedText {
  if (source.source !== 'fact') return text('', '');
  const { selector } = source.read;
  if (selector === 'latest') return text('', '');
  const year = selector === 'fy' ? fy : selector === 'prev' ? fy - 1 : selector;
  return text(`（${year}年度）`, ` (fiscal year ${year})`);
}

function yuan(fen: number): string {
  return formatFenAsYuan(fen);
}

function text(zh: string, en: string): LocalizedText {
  return { zh, en };
}
