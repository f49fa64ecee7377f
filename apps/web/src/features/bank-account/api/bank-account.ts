import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';

export type BankAccountInput = components['schemas']['BankAccountDto'];

export function useEnterprise(id: string | null | undefined) {
  return useQuery({
    queryKey: ['enterprises', id],
    queryFn: () => unwrap(api.GET('/enterprises/{id}', { params: { path: { id: id as string } } })),
    enabled: !!id,
  });
}

/** `PUT /enterprises/{id}/bank-account`: the answer is the enterprise as the API now has it. */
export function useSetBankAccount(enterpriseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BankAccountInput) =>
      unwrap(api.PUT('/enterprises/{id}/bank-account', { params: { path: { id: enterpriseId } }, body })),
    onSuccess: (enterprise) => {
      queryClient.setQueryData(['enterprises', enterpriseId], enterprise);
      return queryClient.invalidateQueries({ queryKey: ['enterprises', enterpriseId] });
    },
  });
}
