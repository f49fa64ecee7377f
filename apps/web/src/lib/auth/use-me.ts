import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useToken } from './session';

/** The signed-in user (`GET /auth/me`), or undefined while signed out. */
export function useMe() {
  const token = useToken();
  return useQuery({
    queryKey: ['auth', 'me', token],
    queryFn: () => unwrap(api.GET('/auth/me')),
    enabled: !!token,
    staleTime: 5 * 60_000,
  });
}
