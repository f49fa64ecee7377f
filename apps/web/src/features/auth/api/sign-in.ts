import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';
import { setToken } from '../../../lib/auth/session';

export type LoginBody = components['schemas']['LoginDto'];

/** `POST /auth/login`; on success the token becomes the session. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => unwrap(api.POST('/auth/login', { body })),
    onSuccess: ({ accessToken }) => {
      queryClient.clear();
      setToken(accessToken);
    },
    onError: () => undefined,
  });
}
