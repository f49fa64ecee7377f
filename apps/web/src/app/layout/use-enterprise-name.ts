import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';

/** The signed-in enterprise user's enterprise name for the top bar (undefined for staff). */
export function useEnterpriseName(enterpriseId: string | null | undefined): string | undefined {
  const { data } = useQuery({
    queryKey: ['enterprises', enterpriseId],
    queryFn: () => unwrap(api.GET('/enterprises/{id}', { params: { path: { id: enterpriseId as string } } })),
    enabled: !!enterpriseId,
  });
  return data?.name;
}
