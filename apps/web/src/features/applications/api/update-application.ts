import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

type FormPatch = Record<string, string | number | boolean | null>;

/** `PATCH /applications/{id}`: a JSON Merge Patch of the form (null removes a field). */
export function useUpdateApplication(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (form: FormPatch) =>
      unwrap(
        api.PATCH('/applications/{id}', {
          params: { path: { id } },
          // null deletes a field (RFC 7396); the generated body type has no null.
          body: { form: form as Record<string, string | number | boolean> },
        }),
      ),
    onSuccess: (data) => queryClient.setQueryData(['applications', id], data),
    meta: { silent: true },
  });
}
