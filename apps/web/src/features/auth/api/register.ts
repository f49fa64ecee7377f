import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';
import { setToken } from '../../../lib/auth/session';

export type RegisterBody = components['schemas']['RegisterEnterpriseDto'];

/** `POST /auth/register-enterprise`: the enterprise and its first user, signed in at once. */
export function useRegisterEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterBody) =>
      unwrap(
        api.POST('/auth/register-enterprise', {
          body,
          headers: { 'Idempotency-Key': crypto.randomUUID() },
        }),
      ),
    onSuccess: ({ accessToken }) => {
      queryClient.clear();
      setToken(accessToken);
    },
    onError: () => undefined,
  });
}
