import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';
import { ApiProblem, isProblem } from '../../../lib/api/problem';
import { getToken } from '../../../lib/auth/session';
import { currentLanguage } from '../../../lib/i18n';

export type FeedImport = components['schemas']['FeedImportView'];
export type FeedRowError = components['schemas']['FeedRowErrorView'];
export type Sweep = components['schemas']['SweepView'];
export type SweepDetail = components['schemas']['SweepDetailView'];

/** Past fact imports of the zone, newest first (`GET /facts/imports`). */
export function useImports(page: number, pageSize = 20) {
  return useQuery({
    queryKey: ['fact-imports', page, pageSize],
    queryFn: () => unwrap(api.GET('/facts/imports', { params: { query: { page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
}

/** One import's report with its per-row errors (`GET /facts/imports/{importId}`). */
export function useImport(importId: string) {
  return useQuery({
    queryKey: ['fact-imports', 'one', importId],
    queryFn: () => unwrap(api.GET('/facts/imports/{importId}', { params: { path: { importId } } })),
  });
}

/**
 * Uploads a facts file (multipart field `file`) with XMLHttpRequest, so the upload's progress can be
 * shown; resolves with the import's report, rejects with the API's problem.
 */
export function uploadFacts(
  file: Blob & { name?: string },
  onProgress: (percent: number) => void,
): Promise<FeedImport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/facts/imports');
    const token = getToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept-language', currentLanguage());
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as FeedImport);
      else
        reject(
          new ApiProblem(
            isProblem(body) ? body : { type: 'about:blank', title: xhr.statusText, status: xhr.status },
          ),
        );
    };
    xhr.onerror = () => reject(new Error('network error'));
    const form = new FormData();
    form.append('file', file, file.name ?? 'facts.csv');
    xhr.send(form);
  });
}

/** Auto-grant programs (免申即享) in force in the caller's zone (`GET /programs`). */
export function useAutoPrograms() {
  return useQuery({
    queryKey: ['programs'],
    queryFn: () => unwrap(api.GET('/programs')),
    staleTime: 5 * 60_000,
    select: (programs) => programs.filter((p) => p.mode === 'auto'),
  });
}

/** The zone's sweeps, newest first (`GET /auto-grant-sweeps`). */
export function useSweeps(page: number, pageSize = 20) {
  return useQuery({
    queryKey: ['auto-grant-sweeps', page, pageSize],
    queryFn: () => unwrap(api.GET('/auto-grant-sweeps', { params: { query: { page, pageSize } } })),
    placeholderData: keepPreviousData,
    // A sweep still running in the list keeps it fresh.
    refetchInterval: (query) =>
      query.state.data?.items.some((s) => s.status === 'pending' || s.status === 'running') ? 2000 : false,
  });
}

/** One sweep, polled each second until it has finished (`GET /auto-grant-sweeps/{id}`). */
export function useSweep(id: string) {
  return useQuery({
    queryKey: ['auto-grant-sweeps', 'one', id],
    queryFn: () => unwrap(api.GET('/auto-grant-sweeps/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'completed' || status === 'failed' ? false : 1000;
    },
  });
}

/** Start a sweep (`POST /auto-grant-sweeps`, 202). */
export function useStartSweep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['StartSweepDto']) =>
      unwrap(api.POST('/auto-grant-sweeps', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['auto-grant-sweeps'] }),
  });
}

/** The auto-grant cases a sweep made, read from the zone's case list (`GET /applications?mode=auto`). */
export function useSweepOffers(programCode: string | null | undefined, fiscalYear: number, enabled: boolean) {
  return useQuery({
    queryKey: ['applications', 'sweep-offers', programCode ?? null, fiscalYear],
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/applications', {
          params: {
            query: { mode: 'auto', pageSize: 100, sort: '-created', ...(programCode ? { programCode } : {}) },
          },
        }),
      );
      return page.items.filter((c) => c.fiscalYear === fiscalYear);
    },
    enabled,
  });
}
