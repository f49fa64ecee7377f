import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';

/** The signed-in user's inbox (`GET /notifications`), newest first, with the unread count. */
export function useInbox(page = 1) {
  return useQuery({
    queryKey: ['notifications', 'inbox', page],
    queryFn: () => unwrap(api.GET('/notifications', { params: { query: { page, pageSize: 20 } } })),
  });
}

/** Just the unread count for the top bar's badge, refreshed every minute. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => unwrap(api.GET('/notifications', { params: { query: { unread: true, pageSize: 1 } } })),
    select: (page) => page.unreadCount,
    enabled,
    refetchInterval: 60_000,
    meta: { silent: true },
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/notifications/read-all')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
