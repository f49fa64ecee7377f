import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap, type components } from '../../../lib/api/client';
import { getToken } from '../../../lib/auth/session';
import { currentLanguage } from '../../../lib/i18n';

export type QueuedFact = components['schemas']['DeclaredFactView'];
export type QueueStatus = QueuedFact['status'];

const KEY = ['declared-facts', 'queue'] as const;

/** `GET /declared-facts?status=`: the zone's declarations (pending: oldest first). */
export function useFactQueue(status: QueueStatus) {
  return useQuery({
    queryKey: [...KEY, status],
    queryFn: () => unwrap(api.GET('/declared-facts', { params: { query: { status } } })),
  });
}

/** Verify (核实) or refuse (退回, with the reason the enterprise reads) one pending declaration. */
export function useDecideFact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      d: { id: string; decision: 'verify' } | { id: string; decision: 'refuse'; reason: string },
    ) =>
      d.decision === 'verify'
        ? unwrap(
            api.POST('/declared-facts/{factId}/verify', { params: { path: { factId: d.id } }, body: {} }),
          )
        : unwrap(
            api.POST('/declared-facts/{factId}/refuse', {
              params: { path: { factId: d.id } },
              body: { reason: d.reason },
            }),
          ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export interface EvidenceBlob {
  url: string | null;
  type: string | null;
  error: boolean;
}

/**
 * One evidence file (`GET /enterprises/{id}/declared-facts/{factId}/evidence/{docId}/content`) as a
 * blob: URL fetched with the bearer token, so a PDF can be framed and an image shown inline without
 * the token in a link. Revoked when the file changes or the component goes.
 */
export function useEvidenceBlob(fact: QueuedFact, docId: string | null): EvidenceBlob {
  const [state, setState] = useState<EvidenceBlob>({ url: null, type: null, error: false });
  const { enterpriseId, id } = fact;
  useEffect(() => {
    if (!docId) return;
    let url: string | null = null;
    let cancelled = false;
    setState({ url: null, type: null, error: false });
    void fetch(
      `/enterprises/${encodeURIComponent(enterpriseId)}/declared-facts/${encodeURIComponent(id)}/evidence/${encodeURIComponent(docId)}/content`,
      { headers: { authorization: `Bearer ${getToken() ?? ''}`, 'accept-language': currentLanguage() } },
    )
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const blob = await response.blob();
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setState({ url, type: blob.type, error: false });
      })
      .catch(() => !cancelled && setState({ url: null, type: null, error: true }));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [enterpriseId, id, docId]);
  return state;
}
