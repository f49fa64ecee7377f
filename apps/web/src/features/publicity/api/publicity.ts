import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

/** A zone's cases in publicity (`PublicPublicityPageView`; no sign-in). */
export function usePublicity(zone: string | undefined) {
  return useQuery({
    queryKey: ['public', 'publicity', zone],
    queryFn: () => unwrap(api.GET('/public/publicity', { params: { query: { zone: zone as string } } })),
    enabled: !!zone,
  });
}
