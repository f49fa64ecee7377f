import { useEffect, useState } from 'react';
import { getToken } from '../../../lib/auth/session';
import { currentLanguage } from '../../../lib/i18n';

export interface DocumentBlob {
  url: string | null;
  error: boolean;
}

/**
 * A document's content (`GET /applications/{id}/documents/{docId}/content`) as a blob: URL, fetched
 * with the bearer token, so a PDF can be framed and an image shown without the token in a link.
 * The URL is revoked when the document changes or the component goes.
 */
export function useDocumentBlob(applicationId: string, documentId: string | null): DocumentBlob {
  const [state, setState] = useState<DocumentBlob>({ url: null, error: false });
  useEffect(() => {
    if (!documentId) return;
    let url: string | null = null;
    let cancelled = false;
    setState({ url: null, error: false });
    void fetch(
      `/applications/${encodeURIComponent(applicationId)}/documents/${encodeURIComponent(documentId)}/content`,
      { headers: { authorization: `Bearer ${getToken() ?? ''}`, 'accept-language': currentLanguage() } },
    )
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const blob = await response.blob();
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setState({ url, error: false });
      })
      .catch(() => !cancelled && setState({ url: null, error: true }));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [applicationId, documentId]);
  return state;
}
