/** An RFC 9457 problem document as the API sends it (application/problem+json). */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; messages: string[] }[];
  requestId?: string;
  [extension: string]: unknown;
}

/** Thrown by every API hook when the API answers an error; carries the problem in the user's language. */
export class ApiProblem extends Error {
  constructor(readonly problem: ProblemDocument) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiProblem';
  }

  get status(): number {
    return this.problem.status;
  }

  /** `errors[]` as antd Form field errors: [{ name: ['bankAccount', 'number'], errors: [...] }]. */
  fieldErrors(): { name: (string | number)[]; errors: string[] }[] {
    return (this.problem.errors ?? []).map(({ field, messages }) => ({
      name: field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: messages,
    }));
  }
}

export function isProblem(value: unknown): value is ProblemDocument {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProblemDocument).title === 'string' &&
    typeof (value as ProblemDocument).status === 'number'
  );
}

/** Any thrown value as a problem, so a network failure reads like the API's own errors. */
export function toProblem(error: unknown, fallbackTitle: string): ProblemDocument {
  if (error instanceof ApiProblem) return error.problem;
  return {
    type: 'urn:huiqi:problem:network',
    title: fallbackTitle,
    status: 0,
    detail: error instanceof Error ? error.message : undefined,
  };
}
