import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { api } from '../support/api-client';
import {
  duplicateHeaders,
  duplicateSchemaClasses,
  mistypedFields,
  OpenApiDocument,
  operationsMissingDocs,
  responsesMissingSchemas,
  vagueSchemas,
} from '../support/openapi-lint';

/** openapi-typescript on `doc`, in a node process of its own (its dependencies are ES modules). */
function generateClientTypes(doc: OpenApiDocument): { source: string; vague: string[] } {
  const run = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, '../support/openapi-client-types.ts')],
    {
      input: JSON.stringify(doc),
      encoding: 'utf8',
      cwd: join(__dirname, '../..'),
      env: { ...process.env, SWC_NODE_PROJECT: join(__dirname, '../../tsconfig.json') },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const out = JSON.parse(run.stdout || '{}') as { source?: string; vague?: string[]; error?: string };
  if (run.status !== 0 || out.error) throw new Error(`openapi-typescript failed: ${out.error ?? run.stderr}`);
  return { source: out.source!, vague: out.vague! };
}

/**
 * The web console's client is generated from /docs-json (openapi-typescript + openapi-fetch), so the
 * document must be complete and precise. Each rule lists what breaks it, so a failure names the route.
 */
describe('OpenAPI document for generated clients', () => {
  let doc: OpenApiDocument;

  beforeAll(async () => {
    doc = (await api().get('/docs-json').expect(200)).body;
  });

  it('is a valid OpenAPI 3 document (swagger-parser)', () => {
    const validation = spawnSync(process.execPath, [join(__dirname, '../support/validate-openapi.mjs')], {
      input: JSON.stringify(doc),
      encoding: 'utf8',
    });
    expect(validation.stdout.trim()).toBe('valid');
  });

  it('gives every operation a summary, a described tag and a unique tag_verb operationId', () => {
    expect(operationsMissingDocs(doc)).toEqual([]);
  });

  it('declares a schema for every 2xx body but 204, and problem+json for every 4xx', () => {
    expect(responsesMissingSchemas(doc)).toEqual([]);
  });

  it('types every property: no bare object, no untyped property, no array of unknown', () => {
    expect(vagueSchemas(doc)).toEqual([]);
  });

  it('types money as integers and timestamps as date-time', () => {
    expect(mistypedFields(doc)).toEqual([]);
  });

  it('declares each header once, If-Match and Idempotency-Key as optional', () => {
    expect(duplicateHeaders(doc)).toEqual([]);
    const act = doc.paths['/applications/{id}/actions'].post;
    const headers = (act.parameters ?? []).filter((p) => p.in === 'header').map((p) => [p.name, p.required]);
    expect(headers).toEqual(
      expect.arrayContaining([
        ['If-Match', false],
        ['Idempotency-Key', false],
      ]),
    );
  });

  it('has one class per schema name', () => {
    expect(duplicateSchemaClasses(join(__dirname, '../../apps/api/src'))).toEqual([]);
  });

  it('declares bearer auth, and public routes without security', () => {
    expect(doc.security).toEqual([{ bearer: [] }]);
    const security = (path: string, method: string) =>
      (doc.paths[path][method] as { security?: unknown }).security;
    for (const [path, method] of [
      ['/auth/login', 'post'],
      ['/auth/register-enterprise', 'post'],
      ['/zones', 'get'],
      ['/health/ready', 'get'],
    ])
      expect({ path, security: security(path, method) }).toEqual({ path, security: [] });
    expect(security('/applications', 'post')).toEqual([{ bearer: [] }]);
  });

  it('types the fields that used to come out as object', () => {
    const schemas = doc.components!.schemas! as Record<string, { properties: Record<string, unknown> }>;
    const fact = schemas.RecordFactDto.properties;
    expect(fact.period).toMatchObject({ type: 'string' });
    expect(fact.idNumber).toMatchObject({ type: 'string' });
    expect(fact.value).toMatchObject({
      oneOf: expect.arrayContaining([{ type: 'string' }, { type: 'number' }, { type: 'boolean' }]),
    });
    expect(schemas.ApplicationView.properties.state).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/ApplicationState' }],
    });
  });

  it('generates client types with openapi-typescript, with no unknown JSON response body', () => {
    const { source, vague } = generateClientTypes(doc);
    expect(vague).toEqual([]);
    expect(source).toContain('applications_submit: {');
    expect(source).toMatch(/ProblemDocument: \{/);
  }, 120_000);

  it('the rules catch what they are meant to (a broken document fails each of them)', () => {
    const broken: OpenApiDocument = {
      openapi: '3.0.3',
      info: { title: 'broken', version: '1' },
      paths: {
        '/things/{id}': {
          post: {
            operationId: 'ThingsController_create',
            parameters: [
              { name: 'if-match', in: 'header', required: true },
              { name: 'If-Match', in: 'header', required: false },
            ],
            responses: {
              '200': { content: { 'application/json': {} } },
              '404': {},
              '201': { content: { 'application/json': { schema: { type: 'object' } } } },
            },
          },
        },
      },
      components: {
        schemas: {
          Thing: { type: 'object', properties: { value: { type: 'object' }, priceFen: { type: 'number' } } },
        },
      },
    };
    expect(operationsMissingDocs(broken)).toEqual([
      'POST /things/{id}: no summary, tags, a tag_verb operationId (has "ThingsController_create")',
    ]);
    expect(responsesMissingSchemas(broken)).toEqual([
      'POST /things/{id}: 200 has no schema',
      'POST /things/{id}: 404 is not an application/problem+json ProblemDocument',
    ]);
    expect(vagueSchemas(broken)).toEqual(['Thing.value: bare object', 'POST /things/{id} 201: bare object']);
    expect(mistypedFields(broken)).toEqual(['Thing.priceFen: money is an integer (is number)']);
    expect(duplicateHeaders(broken)).toEqual([
      'POST /things/{id}: header if-match must be optional',
      'POST /things/{id}: header If-Match declared twice',
    ]);
    const { vague } = generateClientTypes(broken);
    expect(vague).toEqual([
      'POST /things/{id} 200 application/json: unknown',
      'POST /things/{id} 201 application/json: Record<string, never>',
    ]);
  }, 120_000);
});
