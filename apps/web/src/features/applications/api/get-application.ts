import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

/** `GET /applications/{id}` (404 when out of the caller's scope, exactly like a missing case). */
export function useApplication(id: string) {
  return useQuery({
    queryKey: ['applications', id],
    queryFn: () => unwrap(api.GET('/applications/{id}', { params: { path: { id } } })),
    meta: { silent: true },
  });
}
