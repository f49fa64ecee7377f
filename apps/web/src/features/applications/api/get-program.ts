import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

/** `GET /programs/{code}`: the wizard reads the form fields and documents of the version in force. */
export function useProgram(code: string | undefined) {
  return useQuery({
    queryKey: ['programs', code],
    queryFn: () => unwrap(api.GET('/programs/{code}', { params: { path: { code: code ?? '' } } })),
    enabled: !!code,
  });
}
