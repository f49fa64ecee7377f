import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

/** `POST /applications/{id}/submit`: first submission, or resubmission after an amendment. */
export function useSubmitApplication(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { commitmentSigned?: boolean; comment?: string }) =>
      unwrap(api.POST('/applications/{id}/submit', { params: { path: { id } }, body })),
    onSuccess: (data) => {
      queryClient.setQueryData(['applications', id], data);
      void queryClient.invalidateQueries({ queryKey: ['applications', id, 'history'] });
    },
    meta: { silent: true },
  });
}
