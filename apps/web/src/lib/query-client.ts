import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiProblem, toProblem, type ProblemDocument } from './api/problem';

/** Shows a problem to the user (set by the app shell to antd's notification). */
let report: (problem: ProblemDocument) => void = () => undefined;
export function setProblemReporter(reporter: (problem: ProblemDocument) => void): void {
  report = reporter;
}

/**
 * Server state lives only in TanStack Query. Every failed query is reported once here (a query with
 * `meta: { silent: true }` handles its own errors); 401s are handled by the API client (→ sign-in), and
 * mutations report their own errors at the form unless they have no onError.
 */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError(error, query) {
      if (query.meta?.silent || (error instanceof ApiProblem && error.status === 401)) return;
      report(toProblem(error, 'Network error'));
    },
  }),
  mutationCache: new MutationCache({
    onError(error, _vars, _ctx, mutation) {
      if (mutation.options.onError || (error instanceof ApiProblem && error.status === 401)) return;
      report(toProblem(error, 'Network error'));
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});
