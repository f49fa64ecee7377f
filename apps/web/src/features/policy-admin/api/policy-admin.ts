import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';

export type CatalogEntry = components['schemas']['ProgramCatalogEntryView'];
export type ProgramDetail = components['schemas']['ProgramDetailView'];
export type ProgramVersion = components['schemas']['ProgramVersionView'];
export type VersionHistoryItem = components['schemas']['VersionHistoryItemView'];
export type SandboxRun = components['schemas']['SandboxRunView'];
export type SandboxChange = components['schemas']['SandboxChangeView'];

/** Every program of the zone with all its versions (`GET /program-catalog`). */
export function useProgramCatalog() {
  return useQuery({
    queryKey: ['policy-admin', 'catalog'],
    queryFn: () => unwrap(api.GET('/program-catalog')),
  });
}

/** A program with its version in force and its history (`GET /programs/{code}`). */
export function useProgramDetail(code: string) {
  return useQuery({
    queryKey: ['policy-admin', 'program', code],
    queryFn: () => unwrap(api.GET('/programs/{code}', { params: { path: { code } } })),
  });
}

export const fetchVersion = (code: string, version: number) =>
  unwrap(api.GET('/programs/{code}/versions/{version}', { params: { path: { code, version } } }));

/** One version with its full definition (`GET /programs/{code}/versions/{version}`). */
export function useProgramVersion(code: string, version: number | undefined) {
  return useQuery({
    queryKey: ['policy-admin', 'version', code, version],
    queryFn: () => fetchVersion(code, version as number),
    enabled: version !== undefined,
  });
}

/** Every page shows its mutation's problem itself (at the form's fields, or above it), never globally. */
const handledByCaller = () => undefined;

function useInvalidateProgram() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['policy-admin'] });
}

/** Start the next version as a draft from a definition (`POST /programs/{code}/versions`). */
export function useCreateDraft(code: string) {
  const invalidate = useInvalidateProgram();
  return useMutation({
    mutationFn: (definition: Record<string, unknown>) =>
      unwrap(
        api.POST('/programs/{code}/versions', {
          params: { path: { code } },
          body: definition,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: invalidate,
    onError: handledByCaller,
  });
}

/** Save a draft (`PUT`), conditional on the revision read (`If-Match`): a stale save is a 409. */
export function useSaveDraft(code: string, version: number) {
  const invalidate = useInvalidateProgram();
  return useMutation({
    mutationFn: ({ definition, revision }: { definition: Record<string, unknown>; revision: number }) =>
      unwrap(
        api.PUT('/programs/{code}/versions/{version}', {
          params: { path: { code, version }, header: { 'If-Match': `"${revision}"` } },
          body: definition,
        }),
      ),
    onSuccess: invalidate,
    onError: handledByCaller,
  });
}

/** Publish a draft (`POST …/publish`). */
export function usePublish(code: string) {
  const invalidate = useInvalidateProgram();
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/programs/{code}/versions/{version}/publish', {
          params: { path: { code, version } },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: invalidate,
    onError: handledByCaller,
  });
}

/** Retire the program after a last day (`POST /programs/{code}/retirement`). */
export function useRetire(code: string) {
  const invalidate = useInvalidateProgram();
  return useMutation({
    mutationFn: (body: { lastDay: string; reason: string }) =>
      unwrap(
        api.POST('/programs/{code}/retirement', {
          params: { path: { code } },
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: invalidate,
    onError: handledByCaller,
  });
}

/** Start a sandbox run of a version (`POST …/sandbox-runs`, 202). */
export function useStartSandbox(code: string, version: number) {
  return useMutation({
    mutationFn: (fiscalYears: number[]) =>
      unwrap(
        api.POST('/programs/{code}/versions/{version}/sandbox-runs', {
          params: { path: { code, version } },
          body: { fiscalYears },
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onError: handledByCaller,
  });
}

const finished = (status: string | undefined) => status === 'completed' || status === 'failed';

/** A sandbox run, polled every second until it is finished. */
export function useSandboxRun(id: string | null) {
  return useQuery({
    queryKey: ['policy-admin', 'sandbox-run', id],
    queryFn: () => unwrap(api.GET('/sandbox-runs/{id}', { params: { path: { id: id as string } } })),
    enabled: !!id,
    refetchInterval: (query) => (finished(query.state.data?.status) ? false : 1000),
  });
}

export const fetchChangesPage = (id: string, page: number, pageSize = 100) =>
  unwrap(api.GET('/sandbox-runs/{id}/changes', { params: { path: { id }, query: { page, pageSize } } }));

/** Who gains and who loses, one page at a time (`GET /sandbox-runs/{id}/changes`). */
export function useSandboxChanges(id: string | null, page: number, enabled: boolean) {
  return useQuery({
    queryKey: ['policy-admin', 'sandbox-changes', id, page],
    queryFn: () => fetchChangesPage(id as string, page, 20),
    enabled: !!id && enabled,
  });
}

/** Every change of a run (for the CSV), page after page. */
export async function allChanges(id: string): Promise<SandboxChange[]> {
  const items: SandboxChange[] = [];
  for (let page = 1; ; page++) {
    const res = await fetchChangesPage(id, page);
    items.push(...res.items);
    if (items.length >= res.total || res.items.length === 0) return items;
  }
}
