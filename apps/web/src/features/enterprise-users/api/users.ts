import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';

export type NewColleague = components['schemas']['NewCredentialsDto'];

/** The enterprise's users (`GET /enterprises/{id}/users`). */
export function useEnterpriseUsers(enterpriseId: string | null | undefined) {
  return useQuery({
    queryKey: ['enterprises', enterpriseId, 'users'],
    queryFn: () =>
      unwrap(api.GET('/enterprises/{id}/users', { params: { path: { id: enterpriseId as string } } })),
    enabled: !!enterpriseId,
  });
}

/** Invite a colleague (only the enterprise's first user may). */
export function useInviteUser(enterpriseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewColleague) =>
      unwrap(api.POST('/enterprises/{id}/users', { params: { path: { id: enterpriseId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['enterprises', enterpriseId, 'users'] }),
  });
}

/** Remove a colleague: their tokens stop working at once. */
export function useRemoveUser(enterpriseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(
        api.DELETE('/enterprises/{id}/users/{userId}', { params: { path: { id: enterpriseId, userId } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['enterprises', enterpriseId, 'users'] }),
  });
}
