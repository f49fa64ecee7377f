import { z } from 'zod';

import { isIsoDate } from './dates';
import type { LocalizedText } from './localized-text';

/**
 * A tiny description language for fact values. One description yields both the zod schema that
 * validates incoming values and the type information the program checker uses to decide whether
 * a rule or an amount may read a value as money, a quantity, a date or a tier.
 */
export type ScalarShape =
  | { readonly type: 'money_fen' }
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'area_m2' }
  | { readonly type: 'date' }
  | { readonly type: 'string'; readonly maxLength: number }
  | { readonly type: 'enum'; readonly options: readonly string[] };

export type FieldShape = ScalarShape & { readonly label: LocalizedText };

export type ValueShape =
  ScalarShape | { readonly type: 'object'; readonly fields: Readonly<Record<string, FieldShape>> };

type ScalarValue<S> = S extends { readonly type: 'enum'; readonly options: readonly (infer O)[] }
  ? O
  : S extends { readonly type: 'date' | 'string' }
    ? string
    : number;

/** The TypeScript type of a value described by shape `S`. */
export type ShapeValue<S> = S extends { readonly type: 'object'; readonly fields: infer F }
  ? { [K in keyof F]: ScalarValue<F[K]> }
  : ScalarValue<S>;

/** Largest area accepted, in whole square metres (100 km²). */
export const MAX_AREA_M2 = 100_000_000;

/** Builds the zod schema validating a value of the given shape. */
export function schemaForShape(shape: ValueShape): z.ZodType {
  if (shape.type === 'object') {
    const fields: Record<string, z.ZodType> = {};
    for (const [name, field] of Object.entries(shape.fields)) fields[name] = schemaForScalar(field);
    return z.strictObject(fields);
  }
  return schemaForScalar(shape);
}

function schemaForScalar(shape: ScalarShape): z.ZodType {
  switch (shape.type) {
    case 'money_fen':
      return z
        .number({ error: 'expected an amount in fen (a non-negative integer)' })
        .int('expected a safe integer number of fen')
        .min(0, 'money must not be negative');
    case 'integer':
      return z
        .number({ error: 'expected an integer' })
        .int('expected a safe integer')
        .min(shape.min, `must be at least ${shape.min}`)
        .max(shape.max, `must be at most ${shape.max}`);
    case 'area_m2':
      return z
        .number({ error: 'expected an area in whole square metres' })
        .int('expected whole square metres')
        .min(0, 'area must not be negative')
        .max(MAX_AREA_M2, `area must be at most ${MAX_AREA_M2} m²`);
    case 'date':
      return z
        .string({ error: 'expected a date YYYY-MM-DD' })
        .refine(isIsoDate, 'expected a real date YYYY-MM-DD');
    case 'string':
      return z
        .string({ error: 'expected a string' })
        .refine((s) => s.trim().length > 0, 'must not be blank')
        .refine((s) => [...s].length <= shape.maxLength, `must be at most ${shape.maxLength} characters`);
    case 'enum':
      return z.enum(shape.options as [string, ...string[]], {
        error: `expected one of ${shape.options.join(', ')}`,
      });
  }
}

/** The kind of value a reference yields, as the program checker sees it. */
export type ValueKind =
  'money_fen' | 'integer' | 'area_m2' | 'date' | 'string' | 'enum' | 'boolean' | 'object';
