import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';

export type Application = components['schemas']['ApplicationView'];
export type ActionType = components['schemas']['ActionType'];
export type ActionBody = components['schemas']['ApplicationActionDto'];

/** `GET /applications/{id}` (staff view: evidence, conflicts, recommended amount, documents). */
export function useStaffApplication(id: string) {
  return useQuery({
    queryKey: ['applications', id],
    queryFn: () => unwrap(api.GET('/applications/{id}', { params: { path: { id } } })),
    meta: { silent: true },
  });
}

/** `GET /applications/{id}/history`: every event with its chain hashes. */
export function useHistory(id: string) {
  return useQuery({
    queryKey: ['applications', id, 'history'],
    queryFn: () => unwrap(api.GET('/applications/{id}/history', { params: { path: { id } } })),
  });
}

/** `GET /applications/{id}/history/verify`: the audit chain recomputed. */
export function useChainVerdict(id: string) {
  return useQuery({
    queryKey: ['applications', id, 'history', 'verify'],
    queryFn: () => unwrap(api.GET('/applications/{id}/history/verify', { params: { path: { id } } })),
  });
}

/** `GET /programs/{code}/versions/{version}`: the definition the case is pinned to (form labels, clauses). */
export function useProgramVersion(code: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['programs', code, 'versions', version],
    queryFn: () =>
      unwrap(
        api.GET('/programs/{code}/versions/{version}', {
          params: { path: { code: code ?? '', version: version ?? 0 } },
        }),
      ),
    enabled: !!code && !!version,
    staleTime: Infinity,
  });
}

/** The enterprise's cases (`GET /applications?enterpriseId=`), newest first: its other cases and grants. */
export function useEnterpriseCases(enterpriseId: string | undefined) {
  return useQuery({
    queryKey: ['staff', 'enterprise-cases', enterpriseId],
    queryFn: () =>
      unwrap(
        api.GET('/applications', {
          params: { query: { enterpriseId, sort: '-created', pageSize: 100 } },
        }),
      ),
    enabled: !!enterpriseId,
  });
}

function useRefreshCase(id: string) {
  const queryClient = useQueryClient();
  return (data: Application) => {
    queryClient.setQueryData(['applications', id], data);
    void queryClient.invalidateQueries({ queryKey: ['applications', id, 'history'] });
    void queryClient.invalidateQueries({ queryKey: ['staff', 'inbox'] });
  };
}

/** `POST /applications/{id}/actions`, conditional on the version the reviewer read (If-Match). */
export function useCaseAction(id: string) {
  const refresh = useRefreshCase(id);
  return useMutation({
    mutationFn: ({ body, version }: { body: ActionBody; version: number }) =>
      unwrap(
        api.POST('/applications/{id}/actions', {
          params: { path: { id }, header: { 'If-Match': `"${version}"` } },
          body,
        }),
      ),
    onSuccess: refresh,
    meta: { silent: true },
  });
}

/** `POST /applications/{id}/assignment {take|release}`: an officer takes the case or hands it back. */
export function useAssignment(id: string) {
  const refresh = useRefreshCase(id);
  return useMutation({
    mutationFn: (action: 'take' | 'release') =>
      unwrap(api.POST('/applications/{id}/assignment', { params: { path: { id } }, body: { action } })),
    onSuccess: refresh,
    meta: { silent: true },
  });
}
