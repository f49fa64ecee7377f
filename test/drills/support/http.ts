/**
 * A small HTTP client bound to one API process (drills run their own processes on their own ports, so
 * the suite's `api()` helper, which points at the run's shared API, does not fit). Built on fetch, so a
 * process killed mid-request surfaces as an `Unreachable` error instead of a hung test.
 */
// Response bodies are whatever the API sent; tests read them like the suite's supertest bodies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBody = any;

export interface HttpResult<T = AnyBody> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** A raw body sent as is (with the content type given in headers). */
  raw?: string | Buffer;
  form?: FormData;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  timeoutMs?: number;
}

/** The request never got an HTTP answer: connection refused or reset, or no answer in time. */
export class Unreachable extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    cause: unknown,
  ) {
    super(`${method} ${path}: no answer (${(cause as Error)?.message ?? String(cause)})`, { cause });
    this.name = 'Unreachable';
  }
}

export class DrillHttp {
  constructor(readonly baseUrl: string) {}

  async request<T = AnyBody>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<HttpResult<T>> {
    const url = new URL(path, this.baseUrl);
    for (const [k, v] of Object.entries(options.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    headers['accept-language'] ??= 'en';
    let body: RequestInit['body'];
    if (options.form) body = options.form;
    else if (options.raw !== undefined) body = options.raw as RequestInit['body'];
    else if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.body);
    }
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      text = await res.text();
    } catch (error) {
      throw new Unreachable(method, path, error);
    }
    let parsed: unknown = text;
    const type = res.headers.get('content-type') ?? '';
    if (/json/.test(type) && text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = AnyBody>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }

  post<T = AnyBody>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...options, body: body ?? {} });
  }
}

/** Throws unless the answer has the expected status, with the body in the message. */
export function expectStatus<T>(res: HttpResult<T>, ...statuses: number[]): HttpResult<T> {
  if (!statuses.includes(res.status))
    throw new Error(`expected ${statuses.join('|')}, got ${res.status}: ${res.text.slice(0, 500)}`);
  return res;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
