/**
 * @huiqi/policies — program definitions, enterprise facts, eligibility and amount evaluation, and
 * the seed catalog. Pure TypeScript: no framework, no database, no I/O.
 */
export * from './localized-text';
export type { Issue } from './issues';
export * from './money';
export {
  isIsoDate,
  isFiscalYear,
  compareIsoDates,
  yearOfIsoDate,
  fiscalYearStart,
  fiscalYearEnd,
  addMonthsToIsoDate,
} from './dates';
export * from './identifiers';
export * from './facts';
export { FactIndex, indexFacts, type FactLookupOptions } from './fact-index';
export * from './program-definition';
export { checkProgramConsistency } from './program-consistency';
export type { FactRead, FactSelector } from './references';
export { RULE_OPERATIONS, ALLOWED_RULE_OPERATIONS, type RuleOperationName } from './rule-operations';
export { resolveProgramSettings, reviewStagesFor, type ProgramSettings } from './settings';
export * from './form';
export {
  compileProgram,
  type CompiledProgram,
  type CompiledAmount,
  type CompiledClause,
  type ValueSource,
} from './compile';
export { evaluateProgram, type EvaluationInput } from './evaluate';
export * from './evaluation-types';
export type { GrantHistory } from './caps';
export { computeInstallment, type InstallmentInput, type InstallmentResult } from './installments';
export { resolveExclusivity } from './exclusivity';
export { grantPeriodKey, candidateSubjects } from './grants';
export { formatMilli } from './format';
export { SEED_CATALOG, SEED_ZONES, seedProgram, type SeedZone } from './catalog';
export * from './version-windows';
export { definitionIssueText, chineseDefinitionMessage } from './definition-messages';
