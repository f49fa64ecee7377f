import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';

/** `POST /applications/{id}/actions` for the enterprise's own events (withdraw). */
export function useApplicationAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { type: components['schemas']['ActionType']; comment?: string }) =>
      unwrap(api.POST('/applications/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: (data) => {
      queryClient.setQueryData(['applications', id], data);
      void queryClient.invalidateQueries({ queryKey: ['applications', id, 'history'] });
    },
    meta: { silent: true },
  });
}
