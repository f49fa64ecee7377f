import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { getToken } from '../../../lib/auth/session';
import { ApiProblem, isProblem } from '../../../lib/api/problem';
import { currentLanguage } from '../../../lib/i18n';

export interface UploadState {
  /** 0–100 while a file goes up. */
  percent: number | null;
  error: ApiProblem | null;
}

/**
 * `POST /applications/{id}/documents/{type}` (multipart field `file`) through XMLHttpRequest, whose
 * upload progress events fetch does not offer; the answer is the API's document or problem.
 */
export function useUploadDocument(applicationId: string) {
  const queryClient = useQueryClient();
  const [states, setStates] = useState<Record<string, UploadState>>({});
  const upload = useCallback(
    (documentType: string, file: File) =>
      new Promise<boolean>((resolve) => {
        const set = (state: UploadState) => setStates((s) => ({ ...s, [documentType]: state }));
        set({ percent: 0, error: null });
        const xhr = new XMLHttpRequest();
        xhr.open(
          'POST',
          `/applications/${encodeURIComponent(applicationId)}/documents/${encodeURIComponent(documentType)}`,
        );
        const token = getToken();
        if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
        xhr.setRequestHeader('accept-language', currentLanguage());
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable)
            set({ percent: Math.round((event.loaded / event.total) * 100), error: null });
        };
        const fail = (problem: ApiProblem) => {
          set({ percent: null, error: problem });
          resolve(false);
        };
        xhr.onerror = () =>
          fail(new ApiProblem({ type: 'urn:huiqi:problem:network', title: 'Network error', status: 0 }));
        xhr.onload = () => {
          if (xhr.status >= 200 && xhr.status < 300) {
            set({ percent: 100, error: null });
            void queryClient.invalidateQueries({ queryKey: ['applications', applicationId] });
            resolve(true);
            return;
          }
          let body: unknown;
          try {
            body = JSON.parse(xhr.responseText);
          } catch {
            body = null;
          }
          fail(
            new ApiProblem(
              isProblem(body) ? body : { type: 'about:blank', title: xhr.statusText, status: xhr.status },
            ),
          );
        };
        const data = new FormData();
        data.append('file', file);
        xhr.send(data);
      }),
    [applicationId, queryClient],
  );
  return { upload, states };
}
