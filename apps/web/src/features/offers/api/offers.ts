import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

/** The enterprise's auto-grant cases awaiting its confirmation (`GET /applications?mode=auto&state=offered`). */
export function useOffers() {
  return useQuery({
    queryKey: ['applications', 'offers'],
    queryFn: () =>
      unwrap(
        api.GET('/applications', { params: { query: { mode: 'auto', state: ['offered'], pageSize: 100 } } }),
      ),
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

/** The enterprise (its masked bank account is where a confirmed grant is paid). */
export function useEnterprise(id: string | null | undefined) {
  return useQuery({
    queryKey: ['enterprises', id],
    queryFn: () => unwrap(api.GET('/enterprises/{id}', { params: { path: { id: id as string } } })),
    enabled: !!id,
  });
}

/** Confirm or decline an offer (`POST /applications/{id}/actions`). */
export function useOfferAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, type }: { id: string; type: 'confirm' | 'decline' }) =>
      unwrap(
        api.POST('/applications/{id}/actions', {
          params: { path: { id } },
          body: type === 'confirm' ? { type, bankAccountConfirmed: true } : { type },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['applications'] }),
  });
}
