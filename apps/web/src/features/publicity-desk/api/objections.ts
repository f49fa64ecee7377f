import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';

export type Objection = components['schemas']['ObjectionView'];
export type MyObjection = components['schemas']['MyObjectionView'];
export type PublicityItem = components['schemas']['PublicityItemView'];

/** `GET /applications/publicity`: the caller's zone's cases in publicity or objection. */
export function usePublicityCases(page: number) {
  return useQuery({
    queryKey: ['publicity', 'cases', page],
    queryFn: () => unwrap(api.GET('/applications/publicity', { params: { query: { page, pageSize: 50 } } })),
  });
}

/** `GET /applications/{id}/objections`: objections with the applicant's answers and the decisions. */
export function useObjections(id: string, enabled = true) {
  return useQuery({
    queryKey: ['applications', id, 'objections'],
    queryFn: () => unwrap(api.GET('/applications/{id}/objections', { params: { path: { id } } })),
    enabled: !!id && enabled,
  });
}

/** The director upholds (异议成立) or dismisses (异议不成立) the pending objection. */
export function useDecideObjection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: {
      id: string;
      type: 'uphold_objection' | 'dismiss_objection';
      comment: string;
      falseClaim?: boolean;
    }) =>
      unwrap(
        api.POST('/applications/{id}/actions', {
          params: { path: { id: d.id } },
          body: {
            type: d.type,
            comment: d.comment,
            ...(d.type === 'uphold_objection' && d.falseClaim ? { falseClaim: true } : {}),
          },
        }),
      ),
    onSettled: (_data, _error, d) => {
      void queryClient.invalidateQueries({ queryKey: ['publicity'] });
      void queryClient.invalidateQueries({ queryKey: ['applications', d.id] });
    },
  });
}

/** `POST /applications/{id}/objection-answers`: the applicant answers the pending objection. */
export function useAnswerObjection(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (comment: string) =>
      unwrap(
        api.POST('/applications/{id}/objection-answers', { params: { path: { id } }, body: { comment } }),
      ),
    onSuccess: (data) => queryClient.setQueryData(['applications', id, 'objections'], data),
    meta: { silent: true },
  });
}

/** `GET /objections/mine`: the cases I objected to, with the outcome. */
export function useMyObjections() {
  return useQuery({
    queryKey: ['objections', 'mine'],
    queryFn: () => unwrap(api.GET('/objections/mine')),
  });
}

/** `GET /applications/{id}`, for the grant letter and the answer page. */
export function useCase(id: string) {
  return useQuery({
    queryKey: ['applications', id],
    queryFn: () => unwrap(api.GET('/applications/{id}', { params: { path: { id } } })),
    enabled: !!id,
  });
}

/** `GET /enterprises/{id}`: the USCC on the grant letter. */
export function useEnterprise(id: string | undefined) {
  return useQuery({
    queryKey: ['enterprises', id],
    queryFn: () => unwrap(api.GET('/enterprises/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
}

/** Program titles by code (`GET /programs`); the code itself never shows: empty while loading. */
export function usePrograms() {
  return useQuery({
    queryKey: ['programs'],
    queryFn: () => unwrap(api.GET('/programs')),
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
}

/** `GET /programs/{code}/versions/{version}`: the version the case is pinned to (its title). */
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

/** `POST /applications/{id}/actions {type: object}`: an objection to a case in publicity (公示异议). */
export function useObject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: { id: string; comment: string }) =>
      unwrap(
        api.POST('/applications/{id}/actions', {
          params: { path: { id: d.id } },
          body: { type: 'object', comment: d.comment },
        }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['publicity'] });
      void queryClient.invalidateQueries({ queryKey: ['objections', 'mine'] });
    },
    meta: { silent: true },
  });
}
