import type { CompiledProgram } from './compile';
import { FACT_KEYS } from './facts';
import type { FactIndex } from './fact-index';
import { isFiscalYear } from './dates';

/**
 * The period part of an auto-grant dedup key: `'once'` for programs granted once, the fiscal year
 * (`'2025'`) for programs granted per fiscal year. With `(enterprise, program, period, beneficiary)`
 * it identifies a grant so a sweep run twice never grants twice.
 */
export function grantPeriodKey(program: Pick<CompiledProgram, 'period'>, fiscalYear: number): string {
  if (!isFiscalYear(fiscalYear))
    throw new RangeError(`fiscalYear must be an integer year, got ${String(fiscalYear)}`);
  return program.period === 'once' ? 'once' : String(fiscalYear);
}

/**
 * For programs whose beneficiary is a person: the subjects (hashed ID numbers) an auto-grant sweep
 * should evaluate for this enterprise — every person with a record of a per-person fact the program
 * reads. Empty for other programs.
 */
export function candidateSubjects(program: CompiledProgram, facts: FactIndex): string[] {
  if (program.beneficiary !== 'person') return [];
  const subjects = new Set<string>();
  for (const read of program.factReads) {
    if (FACT_KEYS[read.key].perPerson) for (const subject of facts.subjects(read.key)) subjects.add(subject);
  }
  return [...subjects].sort();
}
