import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';
import { getToken } from '../../../lib/auth/session';
import { currentLanguage } from '../../../lib/i18n';
import { ApiProblem, isProblem } from '../../../lib/api/problem';

export type DeclarableFact = components['schemas']['DeclarableFactView'];
export type DeclaredFact = components['schemas']['DeclaredFactView'];
export type DeclareFactBody = components['schemas']['DeclareFactDto'];

/** Fact keys the zone's programs read that the enterprise may declare, with those programs. */
export function useDeclarableFacts(enterpriseId: string) {
  return useQuery({
    queryKey: ['enterprises', enterpriseId, 'declarable-facts'],
    queryFn: () =>
      unwrap(api.GET('/enterprises/{id}/declarable-facts', { params: { path: { id: enterpriseId } } })),
    enabled: !!enterpriseId,
    staleTime: 5 * 60_000,
  });
}

/** The enterprise's declarations with their status, refusal reason and evidence. */
export function useDeclaredFacts(enterpriseId: string) {
  return useQuery({
    queryKey: ['enterprises', enterpriseId, 'declared-facts'],
    queryFn: () =>
      unwrap(api.GET('/enterprises/{id}/declared-facts', { params: { path: { id: enterpriseId } } })),
    enabled: !!enterpriseId,
  });
}

export function useDeclareFact(enterpriseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DeclareFactBody) =>
      unwrap(api.POST('/enterprises/{id}/declared-facts', { params: { path: { id: enterpriseId } }, body })),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ['enterprises', enterpriseId, 'declared-facts'] }),
  });
}

/**
 * Uploads one evidence file (multipart field `file`). XMLHttpRequest rather than fetch: only it reports
 * upload progress, which a large scan needs on a slow line.
 */
export function uploadEvidence(
  enterpriseId: string,
  factId: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/enterprises/${enterpriseId}/declared-facts/${factId}/evidence`);
    const token = getToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept-language', currentLanguage());
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      reject(
        new ApiProblem(
          isProblem(body) ? body : { type: 'about:blank', title: `HTTP ${xhr.status}`, status: xhr.status },
        ),
      );
    };
    xhr.onerror = () => reject(new Error('network'));
    const data = new FormData();
    data.append('file', file);
    xhr.send(data);
  });
}
