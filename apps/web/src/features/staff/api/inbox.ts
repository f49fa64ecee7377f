import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type paths } from '../../../lib/api/client';
import { ApiProblem, isProblem } from '../../../lib/api/problem';
import { getToken } from '../../../lib/auth/session';
import { currentLanguage } from '../../../lib/i18n';

export type InboxQuery = NonNullable<paths['/applications']['get']['parameters']['query']>;

/** `GET /applications` for staff: the zone inbox with search, filters, sort and server pagination. */
export function useInbox(query: InboxQuery, enabled = true) {
  return useQuery({
    queryKey: ['staff', 'inbox', query],
    queryFn: () => unwrap(api.GET('/applications', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The query string of a list query (arrays comma-separated, as the API reads `state`). */
function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
}

/**
 * `GET /applications/export?format=xlsx|csv` with the list's filters, search and order, downloaded
 * through the bearer token (a plain link would carry none) and saved under the API's file name.
 */
export async function downloadInboxExport(query: InboxQuery, format: 'xlsx' | 'csv'): Promise<void> {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const response = await fetch(`/applications/export?${queryString({ ...filters, format })}`, {
    headers: {
      authorization: `Bearer ${getToken() ?? ''}`,
      'accept-language': currentLanguage(),
    },
  });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiProblem(
      isProblem(body) ? body : { type: 'about:blank', title: response.statusText, status: response.status },
    );
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `applications.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `GET /programs`: the zone's programs in force, for the program filter and titles. */
export function usePrograms() {
  return useQuery({
    queryKey: ['programs', 'list'],
    queryFn: () => unwrap(api.GET('/programs')),
    staleTime: 5 * 60_000,
  });
}
