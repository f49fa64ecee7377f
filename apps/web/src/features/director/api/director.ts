import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type paths } from '../../../lib/api/client';

export type InboxQuery = NonNullable<paths['/applications']['get']['parameters']['query']>;
export type BulkActionBody = paths['/bulk-actions']['post']['requestBody']['content']['application/json'];

/** The zone inbox (`GET /applications`) for the director's filters, one page at a time. */
export function useInbox(query: InboxQuery) {
  return useQuery({
    queryKey: ['applications', 'director-inbox', query],
    queryFn: () => unwrap(api.GET('/applications', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Program titles by code (`GET /programs`, the caller's zone). */
export function usePrograms() {
  return useQuery({
    queryKey: ['programs'],
    queryFn: () => unwrap(api.GET('/programs')),
    staleTime: 5 * 60_000,
  });
}

/** Open work per officer of the zone (`GET /applications/inbox/officers`): the officers to choose from. */
export function useOfficers() {
  return useQuery({
    queryKey: ['applications', 'officers'],
    queryFn: () => unwrap(api.GET('/applications/inbox/officers')),
  });
}

/** Start a bulk approval or return (`POST /bulk-actions`, 202). */
export function useStartBulkAction() {
  return useMutation({
    mutationFn: (body: BulkActionBody) => unwrap(api.POST('/bulk-actions', { body })),
  });
}

/** A bulk action's progress and per-case report, polled until it is finished. */
export function useBulkAction(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['bulk-actions', id],
    queryFn: async () => {
      const view = await unwrap(api.GET('/bulk-actions/{id}', { params: { path: { id: id as string } } }));
      if (view.status === 'completed' || view.status === 'failed')
        await queryClient.invalidateQueries({ queryKey: ['applications'] });
      return view;
    },
    enabled: !!id,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'completed' || status === 'failed' ? false : 1000;
    },
  });
}

/** Move one case to another officer (`POST /applications/{id}/reassignment`). */
export function useReassignCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, toOfficerId, comment }: { id: string; toOfficerId: string; comment?: string }) =>
      unwrap(
        api.POST('/applications/{id}/reassignment', {
          params: { path: { id } },
          body: { toOfficerId, ...(comment ? { comment } : {}) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['applications'] }),
  });
}

/** Move an officer's whole open queue (`POST /officers/{officerId}/queue/reassignment`). */
export function useReassignQueue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      officerId,
      toOfficerId,
      comment,
    }: {
      officerId: string;
      toOfficerId: string;
      comment?: string;
    }) =>
      unwrap(
        api.POST('/officers/{officerId}/queue/reassignment', {
          params: { path: { officerId } },
          body: { toOfficerId, ...(comment ? { comment } : {}) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['applications'] }),
  });
}

/** The zone leader's dashboard (`GET /dashboard`). */
export function useDashboard(query: { year?: number; fiscalYear?: number }) {
  return useQuery({
    queryKey: ['dashboard', query],
    queryFn: () => unwrap(api.GET('/dashboard', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
