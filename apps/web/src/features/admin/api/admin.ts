import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';
import { getToken } from '../../../lib/auth/session';

export type UserView = components['schemas']['UserView'];
export type CreateUserBody = components['schemas']['CreateUserDto'];
export type Webhook = components['schemas']['ZoneWebhookView'];
export type CreateWebhookBody = components['schemas']['CreateZoneWebhookDto'];
export type UpdateWebhookBody = components['schemas']['UpdateZoneWebhookDto'];
export type Delivery = components['schemas']['DeliveryView'];
export type OutboxRow = components['schemas']['OutboxRowView'];
export type WorkingCalendar = components['schemas']['WorkingCalendarView'];

/** Staff and admin users (`GET /admin/users`), one page at a time. */
export function useUsers(query: {
  page: number;
  pageSize: number;
  role?: UserView['role'];
  zoneCode?: string;
}) {
  return useQuery({
    queryKey: ['admin', 'users', query],
    queryFn: () => unwrap(api.GET('/admin/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Create a staff user (`POST /admin/users`). */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => unwrap(api.POST('/admin/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

/** Deactivate a user (`POST /admin/users/{id}/deactivate`): their tokens stop working at once. */
export function useDeactivateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/admin/users/{id}/deactivate', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

/** A working-day calendar (`GET /admin/calendars/{scope}`: `default` or a zone code). */
export function useCalendar(scope: string) {
  return useQuery({
    queryKey: ['admin', 'calendars', scope],
    queryFn: () => unwrap(api.GET('/admin/calendars/{scope}', { params: { path: { scope } } })),
  });
}

/** Replace a calendar's holidays and adjusted working days (`PUT /admin/calendars/{scope}`). */
export function useSaveCalendar(scope: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['WorkingCalendarDto']) =>
      unwrap(api.PUT('/admin/calendars/{scope}', { params: { path: { scope } }, body })),
    onSuccess: (saved) => queryClient.setQueryData(['admin', 'calendars', scope], saved),
  });
}

/** Zone webhooks (`GET /admin/webhooks`). */
export function useWebhooks() {
  return useQuery({
    queryKey: ['admin', 'webhooks'],
    queryFn: () => unwrap(api.GET('/admin/webhooks')),
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookBody) => unwrap(api.POST('/admin/webhooks', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks'] }),
  });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateWebhookBody }) =>
      unwrap(api.PATCH('/admin/webhooks/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks'] }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/admin/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks'] }),
  });
}

/** Email and webhook deliveries, newest first (`GET /admin/notification-deliveries`). */
export function useDeliveries(query: {
  page: number;
  pageSize: number;
  status?: Delivery['status'];
  channel?: Delivery['channel'];
}) {
  return useQuery({
    queryKey: ['admin', 'deliveries', query],
    queryFn: () => unwrap(api.GET('/admin/notification-deliveries', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Retry failed deliveries one after another; resolves with each one's outcome. */
export function useRetryDeliveries() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) =>
      Promise.allSettled(
        ids.map((id) =>
          unwrap(api.POST('/admin/notification-deliveries/{id}/retry', { params: { path: { id } } })),
        ),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}

/** Outbox work that exhausted its retries (`GET /admin/outbox/failed`). */
export function useFailedOutbox(query: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['admin', 'outbox', query],
    queryFn: () => unwrap(api.GET('/admin/outbox/failed', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useRetryOutbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) =>
      Promise.allSettled(
        ids.map((id) => unwrap(api.POST('/admin/outbox/{id}/retry', { params: { path: { id } } }))),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}

/**
 * Signs the browser in to the queue board (`/admin/queues`) with the console's bearer token: the board
 * answers with its own 30-minute HttpOnly session cookie, scoped to its path, so the tab opened next
 * needs no second sign-in. False when the board refused (then it asks for Basic sign-in itself).
 */
export async function signInToQueueBoard(): Promise<boolean> {
  const token = getToken();
  if (!token) return false;
  const response = await fetch('/admin/queues', {
    headers: { authorization: `Bearer ${token}` },
    credentials: 'same-origin',
  });
  return response.ok;
}
