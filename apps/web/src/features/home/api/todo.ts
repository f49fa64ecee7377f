import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

/** `GET /applications?state=…`: the enterprise's own cases in the given state. */
export function useMyApplications(state: 'offered' | 'amending' | 'draft', enabled: boolean) {
  return useQuery({
    queryKey: ['applications', 'list', state],
    queryFn: () => unwrap(api.GET('/applications', { params: { query: { state: [state], pageSize: 20 } } })),
    enabled,
  });
}

/** `GET /notifications?unread=true`: only the unread count is read here. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: async () =>
      (await unwrap(api.GET('/notifications', { params: { query: { unread: true, pageSize: 1 } } })))
        .unreadCount,
    enabled,
  });
}

/** `POST /calculator`: what the enterprise may still get. */
export function useCalculatorSummary(enterpriseId: string | null | undefined) {
  return useQuery({
    queryKey: ['calculator', enterpriseId],
    queryFn: () => unwrap(api.POST('/calculator', { body: { enterpriseId: enterpriseId ?? '' } })),
    enabled: !!enterpriseId,
  });
}
