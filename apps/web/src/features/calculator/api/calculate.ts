import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

/** `POST /calculator` for the signed-in enterprise: every program in force, eligible first. */
export function useCalculator(enterpriseId: string | null | undefined) {
  return useQuery({
    queryKey: ['calculator', enterpriseId],
    queryFn: () => unwrap(api.POST('/calculator', { body: { enterpriseId: enterpriseId ?? '' } })),
    enabled: !!enterpriseId,
  });
}
