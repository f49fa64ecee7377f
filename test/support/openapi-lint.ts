import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Rules an OpenAPI document must meet for a client to be generated from it (openapi-typescript +
 * openapi-fetch). Each rule returns the offending operations or schema paths, so a failure names them.
 */
type Schema = Record<string, unknown>;
type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
export type OpenApiDocument = {
  openapi?: string;
  info?: { title: string; version: string };
  security?: unknown[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
  tags?: Array<{ name: string; description?: string }>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

export function operationsOf(doc: OpenApiDocument): Array<{ key: string; op: Operation }> {
  const out: Array<{ key: string; op: Operation }> = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (METHODS.includes(method)) out.push({ key: `${method.toUpperCase()} ${path}`, op });
    }
  }
  return out;
}

export function operationsMissingDocs(doc: OpenApiDocument): string[] {
  const declaredTags = new Set((doc.tags ?? []).filter((t) => t.description).map((t) => t.name));
  const seenIds = new Map<string, string>();
  const problems: string[] = [];
  for (const { key, op } of operationsOf(doc)) {
    const missing: string[] = [];
    if (!op.summary?.trim()) missing.push('summary');
    if (!op.tags?.length) missing.push('tags');
    for (const tag of op.tags ?? []) if (!declaredTags.has(tag)) missing.push(`description of tag "${tag}"`);
    if (!op.operationId) missing.push('operationId');
    else if (!/^[a-z][a-zA-Z0-9]*(?:_[a-zA-Z0-9]+)+$/.test(op.operationId))
      missing.push(`a tag_verb operationId (has "${op.operationId}")`);
    else if (seenIds.has(op.operationId))
      missing.push(`a unique operationId ("${op.operationId}" is also ${seenIds.get(op.operationId)})`);
    if (op.operationId) seenIds.set(op.operationId, key);
    if (missing.length) problems.push(`${key}: no ${missing.join(', ')}`);
  }
  return problems;
}

/** Every 2xx but 204 declares a body schema; every 4xx declares the problem+json ProblemDocument. */
export function responsesMissingSchemas(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  for (const { key, op } of operationsOf(doc)) {
    const responses = Object.entries(op.responses ?? {});
    if (!responses.some(([code]) => code.startsWith('2'))) problems.push(`${key}: no 2xx response`);
    for (const [code, response] of responses) {
      const content = Object.entries(response.content ?? {});
      if (code.startsWith('2') && code !== '204') {
        if (!content.length || content.some(([, media]) => !media.schema))
          problems.push(`${key}: ${code} has no schema`);
      }
      if (code.startsWith('4')) {
        const problem = response.content?.['application/problem+json']?.schema;
        if (!problem || problem.$ref !== '#/components/schemas/ProblemDocument')
          problems.push(`${key}: ${code} is not an application/problem+json ProblemDocument`);
      }
    }
  }
  return problems;
}

/** Operations that declare the same header twice (case-insensitively), e.g. If-Match and if-match. */
export function duplicateHeaders(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  for (const { key, op } of operationsOf(doc)) {
    const seen = new Set<string>();
    for (const p of op.parameters ?? []) {
      if (p.in !== 'header') continue;
      const name = p.name.toLowerCase();
      if (seen.has(name)) problems.push(`${key}: header ${p.name} declared twice`);
      seen.add(name);
      if ((name === 'if-match' || name === 'idempotency-key') && p.required)
        problems.push(`${key}: header ${p.name} must be optional`);
    }
  }
  return problems;
}

/**
 * Schema nodes a generator can only type as `unknown` or `Record<string, never>`: `type: object`
 * without properties or additionalProperties, or a property with no type at all.
 */
export function vagueSchemas(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  const visit = (node: unknown, where: string, isProperty: boolean): void => {
    if (!node || typeof node !== 'object') return;
    const s = node as Schema;
    const composed = ['oneOf', 'anyOf', 'allOf', '$ref', 'enum', 'const'].some((k) => k in s);
    if (s.type === 'object' && !s.properties && s.additionalProperties === undefined && !composed)
      problems.push(`${where}: bare object`);
    if (isProperty && !composed && s.type === undefined && !s.properties && s.items === undefined)
      problems.push(`${where}: no type`);
    if (s.type === 'array' && (!s.items || Object.keys(s.items as object).length === 0))
      problems.push(`${where}: array of unknown`);
    for (const [name, child] of Object.entries((s.properties as Record<string, unknown>) ?? {}))
      visit(child, `${where}.${name}`, true);
    if (s.items) visit(s.items, `${where}[]`, false);
    if (s.additionalProperties && typeof s.additionalProperties === 'object')
      visit(s.additionalProperties, `${where}{}`, false);
    for (const k of ['oneOf', 'anyOf', 'allOf'])
      for (const [i, child] of ((s[k] as unknown[]) ?? []).entries())
        visit(child, `${where}.${k}[${i}]`, false);
  };
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) visit(schema, name, false);
  for (const { key, op } of operationsOf(doc)) {
    for (const [code, response] of Object.entries(op.responses ?? {}))
      for (const [type, media] of Object.entries(response.content ?? {}))
        if (type.includes('json')) visit(media.schema, `${key} ${code}`, false);
  }
  return problems;
}

/**
 * @nestjs/swagger names a schema after its class and silently keeps one when two classes share a name,
 * so duplicates cannot be seen in the document: look for them in the API's source instead.
 */
export function duplicateSchemaClasses(sourceRoot: string): string[] {
  const declared = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !/\.(spec|int-spec)\.ts$/.test(path)) {
        const text = readFileSync(path, 'utf8');
        if (!/from '@nestjs\/swagger'|from 'class-validator'/.test(text)) continue;
        const classes =
          /(?:@ApiSchema\(\{\s*name:\s*'([^']+)'[^)]*\)\s*)?(?:export\s+)?(?:abstract\s+)?class\s+(\w+)/g;
        for (const m of text.matchAll(classes)) {
          const name = m[1] ?? m[2];
          if (
            /(Controller|Service|Module|Pipe|Guard|Filter|Interceptor|Queries|Subscriber|Error|Store)$/.test(
              name,
            )
          )
            continue;
          declared.set(name, [...(declared.get(name) ?? []), relative(sourceRoot, path)]);
        }
      }
    }
  };
  walk(sourceRoot);
  return [...declared.entries()]
    .filter(([, files]) => files.length > 1)
    .map(([name, files]) => `${name}: declared in ${files.join(' and ')}`);
}

/** Money fields (`…Fen`) are integers; timestamps (`…At`) are date-time strings. */
export function mistypedFields(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  const schemas = Object.entries(doc.components?.schemas ?? {});
  const check = (where: string, name: string, s: Schema): void => {
    const type = s.type ?? (s.items as Schema | undefined)?.type;
    if (/Fen$/.test(name) && !s.$ref && type !== 'integer' && !(type === 'string' && s.description))
      problems.push(`${where}.${name}: money is an integer (is ${String(type)})`);
    if (/At$/.test(name) && !s.$ref && (type !== 'string' || s.format !== 'date-time'))
      problems.push(
        `${where}.${name}: a timestamp is a date-time string (is ${String(type)} ${String(s.format)})`,
      );
  };
  for (const [schemaName, schema] of schemas)
    for (const [name, prop] of Object.entries((schema.properties as Record<string, Schema>) ?? {}))
      check(schemaName, name, prop);
  for (const { key, op } of operationsOf(doc))
    for (const p of op.parameters ?? [])
      check(key, p.name, ((p as { schema?: Schema }).schema ?? {}) as Schema);
  return problems;
}
