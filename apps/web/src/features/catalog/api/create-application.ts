import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

/** `POST /applications`: a draft of the program, pinned to the version in force. */
export function useCreateApplication() {
  return useMutation({
    mutationFn: (programCode: string) =>
      unwrap(api.POST('/applications', { body: { programCode, form: {} } })),
    meta: { silent: true },
  });
}
