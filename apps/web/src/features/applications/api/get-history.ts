import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

/** `GET /applications/{id}/history`: what happened to the case, oldest first. */
export function useApplicationHistory(id: string) {
  return useQuery({
    queryKey: ['applications', id, 'history'],
    queryFn: () => unwrap(api.GET('/applications/{id}/history', { params: { path: { id } } })),
  });
}
