import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ProblemDocumentView, problemContent } from './http/api-docs';

/** One tag per capability; every operation carries one of these (the e2e test checks it). */
export const API_TAGS: Array<{ name: string; description: string }> = [
  { name: 'auth', description: 'Sign-in and enterprise self-registration (登录与企业注册)' },
  { name: 'zones', description: 'The development zones (tenants) sharing this deployment (园区)' },
  { name: 'enterprises', description: 'Enterprises, their users and bank account (企业)' },
  { name: 'facts', description: 'Facts about enterprises and data feeds (企业数据)' },
  {
    name: 'declared-facts',
    description: 'Facts declared by enterprises and verified by officers (企业申报数据)',
  },
  {
    name: 'bank-account-changes',
    description: 'Bank account changes verified by zone finance before payments use them (收款账户变更核验)',
  },
  { name: 'catalog', description: 'Subsidy programs and their versions (政策目录)' },
  { name: 'calculator', description: 'What an enterprise qualifies for (政策计算器)' },
  { name: 'sandbox', description: 'Dry runs of a program version over a zone’s enterprises (政策沙盘)' },
  { name: 'applications', description: 'Applications and their approval workflow (申请与审批)' },
  { name: 'publicity', description: 'The public 公示 list of approved cases, without sign-in (公示)' },
  { name: 'bulk-actions', description: 'One workflow action applied to many cases at once (批量操作)' },
  { name: 'documents', description: 'Documents attached to applications (申请材料)' },
  { name: 'auto-grants', description: 'Grants without application and installment plans (免申即享)' },
  { name: 'finance: fund pools', description: 'Annual budgets per program and their ledger (资金池)' },
  { name: 'finance: batches', description: 'Disbursement batches and payment files (拨付批次)' },
  { name: 'finance: bank statements', description: 'Bank statement import and reconciliation (银行对账)' },
  { name: 'finance: clawbacks', description: 'Recovery of money paid on false claims (追回)' },
  { name: 'finance: reports', description: 'Money per program and fiscal year (财务报表)' },
  { name: 'reports', description: 'Time-limited completion and other management reports (报表)' },
  { name: 'notifications', description: 'The in-app inbox and notification preferences (通知)' },
  { name: 'me', description: 'The signed-in user’s own settings (个人设置)' },
  { name: 'labels', description: 'Display labels of codes in both languages (界面文字)' },
  { name: 'admin', description: 'Staff users and working-day calendars (系统管理)' },
  { name: 'admin: notifications', description: 'Zone webhooks and email/webhook deliveries (通知管理)' },
  { name: 'admin: queues', description: 'Background work that exhausted its retries (队列管理)' },
  { name: 'health', description: 'Liveness and readiness probes (健康检查)' },
];

/**
 * The OpenAPI 3 document generated from the controllers and DTOs. Also used by scripts/web-api-types.ts,
 * which builds it from an app created in Nest's preview mode (no database, Redis or server needed).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Huiqi API')
    .setDescription(
      'Enterprise subsidy applications, approvals and disbursement for development zones. ' +
        'Errors are RFC 9457 application/problem+json; money fields end in Fen and are integers.',
    )
    .setVersion('1.0')
    .addBearerAuth()
    .addSecurityRequirements('bearer');
  for (const tag of API_TAGS) config.addTag(tag.name, tag.description);
  return finishDocument(
    SwaggerModule.createDocument(app, config.build(), { extraModels: [ProblemDocumentView] }),
  );
}

/** Swagger UI at /docs, the document at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * What every route has by its shape, so no controller has to repeat it: public routes (`@Public()`
 * marks them with an empty requirement) carry `security: []`; error responses are problem+json; and
 * the errors the framework itself answers are declared — 400 when there is a body or query to
 * validate, 401 when a token is needed, 404 for a path id, 409 and 422 for an Idempotency-Key.
 */
export function finishDocument(document: OpenAPIObject): OpenAPIObject {
  const problem = document.components?.schemas?.ProblemDocument as Record<string, unknown> | undefined;
  if (problem) problem.additionalProperties = true; // extension members, e.g. existingApplicationId
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) finishOperation(op);
    }
  }
  return document;
}

function finishOperation(op: OperationObject): void {
  const isPublic = op.security?.length === 1 && Object.keys(op.security[0]).length === 0;
  if (isPublic) op.security = [];
  const params = (op.parameters ?? []) as ParameterObject[];
  const header = (name: string) => params.some((p) => p.in === 'header' && p.name.toLowerCase() === name);
  const add = (status: number, description: string) => {
    op.responses[status] ??= { description };
  };
  if (op.requestBody || params.some((p) => p.in === 'query') || header('if-match'))
    add(400, 'Invalid input: `errors` names each offending field');
  if (!isPublic) add(401, 'Missing or invalid bearer token');
  if (params.some((p) => p.in === 'path')) add(404, 'No such resource in your scope');
  if (header('idempotency-key')) {
    add(409, 'A request with this Idempotency-Key is still in progress');
    add(422, 'This Idempotency-Key was used with a different request');
  }
  for (const [status, response] of Object.entries(op.responses)) {
    if (Number(status) >= 400) (response as ResponseObject).content = problemContent();
  }
}
