import { compileProgram, type CompiledProgram } from '../compile';
import { evaluateProgram, type EvaluationInput } from '../evaluate';
import type { Evaluation } from '../evaluation-types';
import { indexFacts } from '../fact-index';
import { FACT_KEYS, type FactKey, type FactRecord, type FactSource, type FactValue } from '../facts';
import { seedProgram } from '../catalog';

/**
 * Test helpers for code that uses `@huiqi/policies` (import from `@huiqi/policies/testing`).
 * Not part of the runtime API.
 */

let sequence = 0;

export interface FactOptions {
  period?: string | number;
  subject?: string;
  source?: FactSource;
  receivedAt?: string;
  id?: string;
}

/** Builds a fact record with a sensible default source (the key's first allowed source). */
export function fact<K extends FactKey>(
  key: K,
  value: FactValue<K>,
  options: FactOptions = {},
): FactRecord<K> {
  sequence += 1;
  return {
    id: options.id ?? `fact-${String(sequence).padStart(6, '0')}`,
    key,
    subject: options.subject ?? null,
    period: options.period === undefined ? null : String(options.period),
    value,
    source: options.source ?? FACT_KEYS[key].sources[0],
    receivedAt: options.receivedAt ?? '2026-01-15T08:00:00.000Z',
  };
}

/** A hashed-looking person id for per-person facts. */
export function personId(n: number): string {
  return `person-${String(n).padStart(12, '0')}`;
}

const compiledSeeds = new Map<string, CompiledProgram>();

/** The compiled seed program with this code (compiled once per test run). */
export function compiledSeed(code: string): CompiledProgram {
  let compiled = compiledSeeds.get(code);
  if (!compiled) {
    compiled = compileProgram(seedProgram(code));
    compiledSeeds.set(code, compiled);
  }
  return compiled;
}

/** Evaluates a program on plain fact records. */
export function evaluateWith(
  program: CompiledProgram,
  facts: readonly FactRecord[],
  input: Partial<Omit<EvaluationInput, 'facts'>> = {},
): Evaluation {
  return evaluateProgram(program, {
    facts: indexFacts(facts as FactRecord[]),
    fiscalYear: input.fiscalYear ?? 2025,
    asOf: input.asOf ?? '2026-03-31',
    ...(input.form !== undefined ? { form: input.form } : {}),
    ...(input.subject !== undefined ? { subject: input.subject } : {}),
    ...(input.history !== undefined ? { history: input.history } : {}),
  });
}
