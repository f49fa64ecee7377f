/**
 * The one typed API client. Types come from schema.d.ts, generated from the API's OpenAPI document
 * (`npm run web:api-types`); never write request or response types by hand.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { getToken, setToken } from '../auth/session';
import { currentLanguage } from '../i18n';
import { ApiProblem, isProblem } from './problem';
import type { paths } from './schema';

export type { components, paths } from './schema';

/** Called when the API says the token is no longer good (401 on anything but sign-in). */
let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

const session: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    request.headers.set('accept-language', currentLanguage());
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/login')) {
      setToken(null);
      onUnauthorized();
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(session);

/**
 * The data of an openapi-fetch result, or an ApiProblem thrown with the API's problem document:
 * `const me = await unwrap(api.GET('/auth/me'))`.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiProblem(
      isProblem(error)
        ? error
        : {
            type: 'about:blank',
            title: response.statusText || `HTTP ${response.status}`,
            status: response.status,
          },
    );
  }
  return data as T;
}
