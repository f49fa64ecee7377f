import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';

export type BankAccountChange = components['schemas']['BankAccountChangeView'];
export type BankAccountChangeState = BankAccountChange['state'];

const KEY = ['bank-account-changes'] as const;

/** `GET /bank-account-changes?state=`: the zone's changes in a state (pending: oldest first). */
export function useBankAccountChanges(state: BankAccountChangeState) {
  return useQuery({
    queryKey: [...KEY, state],
    queryFn: () => unwrap(api.GET('/bank-account-changes', { params: { query: { state } } })),
  });
}

/** Verify (核验通过) or refuse (驳回, with the reason the enterprise reads) one pending change. */
export function useDecideBankAccountChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      d: { id: string; decision: 'verify' } | { id: string; decision: 'refuse'; reason: string },
    ) =>
      d.decision === 'verify'
        ? unwrap(
            api.POST('/bank-account-changes/{changeId}/verify', {
              params: { path: { changeId: d.id } },
              body: {},
            }),
          )
        : unwrap(
            api.POST('/bank-account-changes/{changeId}/refuse', {
              params: { path: { changeId: d.id } },
              body: { reason: d.reason },
            }),
          ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
