import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

/** `GET /programs`: the programs in force in the caller's zone. */
export function usePrograms() {
  return useQuery({
    queryKey: ['programs'],
    queryFn: () => unwrap(api.GET('/programs')),
  });
}

/** `GET /programs/{code}`: the program with the version in force (`current`). */
export function useProgram(code: string) {
  return useQuery({
    queryKey: ['programs', code],
    queryFn: () => unwrap(api.GET('/programs/{code}', { params: { path: { code } } })),
    meta: { silent: true },
  });
}
