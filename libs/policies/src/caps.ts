import type { AmountOutcome } from './amount';
import { BUILT_IN_CONDITIONS } from './evaluation-types';
import type { LocalizedText } from './localized-text';
import { assertFen, formatFenAsYuan } from './money';
import type { ProgramSettings } from './settings';

/** What the beneficiary already received, for the caps that depend on it. */
export interface GrantHistory {
  /** Fen the enterprise already received (or has approved) from this program in the fiscal year evaluated. */
  enterpriseGrantedThisFiscalYearFen?: number;
  /** Fen the person already received (or has approved) from this program. */
  personGrantedFen?: number;
}

/**
 * Applies a program's caps, in order: per application; per enterprise per fiscal year (the cap minus
 * what the enterprise already received this year); per person (the cap minus what the person
 * already received). Applies equally to a known amount and to an "up to" maximum; when no maximum
 * is known, the tightest cap becomes it. A cap that leaves nothing makes the program unmet.
 *
 * @throws {RangeError} when a history amount is not a non-negative safe integer.
 */
export function applyCaps(
  outcome: AmountOutcome,
  caps: ProgramSettings['caps'],
  history: GrantHistory = {},
): AmountOutcome {
  const out: AmountOutcome = {
    ...outcome,
    steps: [...outcome.steps],
    capsApplied: [...outcome.capsApplied],
    unmet: [...outcome.unmet],
  };
  const enterpriseGranted = history.enterpriseGrantedThisFiscalYearFen ?? 0;
  const personGranted = history.personGrantedFen ?? 0;
  assertFen(enterpriseGranted, 'history.enterpriseGrantedThisFiscalYearFen');
  assertFen(personGranted, 'history.personGrantedFen');

  const limits: { name: string; limit: number; explain: LocalizedText; exhausted?: UnmetReason }[] = [];
  if (caps.perApplicationFen !== undefined) {
    const cap = caps.perApplicationFen;
    limits.push({
      name: 'caps.perApplicationFen',
      limit: cap,
      explain: { zh: `单次申请上限 ${yuan(cap)} 元`, en: `Per-application cap of ${yuan(cap)} yuan` },
    });
  }
  if (caps.perEnterprisePerFiscalYearFen !== undefined) {
    const cap = caps.perEnterprisePerFiscalYearFen;
    const remaining = Math.max(0, cap - enterpriseGranted);
    limits.push({
      name: 'caps.perEnterprisePerFiscalYearFen',
      limit: remaining,
      explain: {
        zh: `每家企业每年度上限 ${yuan(cap)} 元，本年度已获 ${yuan(enterpriseGranted)} 元，剩余 ${yuan(remaining)} 元`,
        en: `Cap of ${yuan(cap)} yuan per enterprise per fiscal year; ${yuan(enterpriseGranted)} yuan already received, ${yuan(remaining)} yuan remain`,
      },
      exhausted: {
        clauseId: BUILT_IN_CONDITIONS.enterpriseAnnualCapReached,
        reason: {
          zh: `本年度已获本项目补助 ${yuan(enterpriseGranted)} 元，已达年度上限 ${yuan(cap)} 元`,
          en: `already received ${yuan(enterpriseGranted)} yuan from this program this fiscal year, the annual cap of ${yuan(cap)} yuan`,
        },
      },
    });
  }
  if (caps.perPersonFen !== undefined) {
    const cap = caps.perPersonFen;
    const remaining = Math.max(0, cap - personGranted);
    limits.push({
      name: 'caps.perPersonFen',
      limit: remaining,
      explain: {
        zh: `每人上限 ${yuan(cap)} 元，已获 ${yuan(personGranted)} 元，剩余 ${yuan(remaining)} 元`,
        en: `Cap of ${yuan(cap)} yuan per person; ${yuan(personGranted)} yuan already received, ${yuan(remaining)} yuan remain`,
      },
      exhausted: {
        clauseId: BUILT_IN_CONDITIONS.personCapReached,
        reason: {
          zh: `该人员已获本项目补助 ${yuan(personGranted)} 元，已达每人上限 ${yuan(cap)} 元`,
          en: `the person already received ${yuan(personGranted)} yuan from this program, the per-person cap of ${yuan(cap)} yuan`,
        },
      },
    });
  }

  for (const { name, limit, explain, exhausted } of limits) {
    if (out.amountFen !== null) {
      if (out.amountFen > limit) {
        out.amountFen = limit;
        out.capsApplied.push(name);
        out.steps.push(explain);
      }
    } else if (out.maxAmountFen === undefined || out.maxAmountFen > limit) {
      out.maxAmountFen = limit;
      out.capsApplied.push(name);
      out.steps.push(explain);
    }
    if (limit === 0 && exhausted && out.unmet.length === 0) out.unmet.push(exhausted);
  }
  return out;
}

type UnmetReason = AmountOutcome['unmet'][number];

function yuan(fen: number): string {
  return formatFenAsYuan(fen);
}
