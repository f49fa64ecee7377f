import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../../lib/api/client';

type S = components['schemas'];
export type FundPool = S['FundPoolView'];
export type LedgerJournal = S['LedgerJournalView'];
export type Batch = S['BatchView'];
export type BatchDetail = S['BatchDetailView'];
export type BatchItem = S['BatchItemView'];
export type BatchFilters = S['CreateBatchDto'];
export type BatchPreview = S['BatchPreviewView'];
export type StatementImport = S['StatementImportView'];
export type StatementReport = S['StatementReportView'];
export type StatementLine = S['StatementLineResultView'];
export type MatchProposal = S['MatchProposalView'];
export type Clawback = S['ClawbackView'];
export type FinanceReport = S['FinanceReportView'];

const PAGE = 20;

// ---- fund pools -------------------------------------------------------------------------------

/** `GET /fund-pools`: the zone's pools with their balances. */
export function useFundPools(page: number, fiscalYear?: number) {
  return useQuery({
    queryKey: ['finance', 'pools', page, fiscalYear],
    queryFn: () =>
      unwrap(api.GET('/fund-pools', { params: { query: { page, pageSize: PAGE, fiscalYear } } })),
    placeholderData: keepPreviousData,
  });
}

export function useFundPool(id: string) {
  return useQuery({
    queryKey: ['finance', 'pool', id],
    queryFn: () => unwrap(api.GET('/fund-pools/{id}', { params: { path: { id } } })),
  });
}

/** `GET /fund-pools/{id}/ledger`: journals newest first, each with the pool's balances right after it. */
export function useLedger(id: string, page: number) {
  return useQuery({
    queryKey: ['finance', 'ledger', id, page],
    queryFn: () =>
      unwrap(
        api.GET('/fund-pools/{id}/ledger', {
          params: { path: { id }, query: { page, pageSize: PAGE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCreatePool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: S['CreateFundPoolDto']) => unwrap(api.POST('/fund-pools', { body })),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}

export function useSetAllocation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: S['SetAllocationDto']) =>
      unwrap(api.PUT('/fund-pools/{id}/allocation', { params: { path: { id } }, body })),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}

// ---- disbursement batches ---------------------------------------------------------------------

export function useBatches(page: number, state?: S['BatchState']) {
  return useQuery({
    queryKey: ['finance', 'batches', page, state],
    queryFn: () =>
      unwrap(api.GET('/disbursement-batches', { params: { query: { page, pageSize: PAGE, state } } })),
    placeholderData: keepPreviousData,
  });
}

export function useBatch(id: string) {
  return useQuery({
    queryKey: ['finance', 'batch', id],
    queryFn: () => unwrap(api.GET('/disbursement-batches/{id}', { params: { path: { id } } })),
  });
}

/** `POST /disbursement-batches/preview`: count and total a batch built now would hold; builds nothing. */
export function usePreviewBatch() {
  return useMutation({
    mutationFn: (body: BatchFilters) => unwrap(api.POST('/disbursement-batches/preview', { body })),
    meta: { silent: true },
  });
}

export function useCreateBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BatchFilters) => unwrap(api.POST('/disbursement-batches', { body })),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}

export function useLockBatch(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/disbursement-batches/{id}/lock', { params: { path: { id } } })),
    meta: { silent: true },
    onSuccess: (batch) => {
      queryClient.setQueryData(['finance', 'batch', id], batch);
      return queryClient.invalidateQueries({ queryKey: ['finance'] });
    },
  });
}

export function useCancelBatch(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/disbursement-batches/{id}/cancel', { params: { path: { id } }, body: { reason } })),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}

// ---- bank statements and hand matching ----------------------------------------------------------

export function useStatements(page: number) {
  return useQuery({
    queryKey: ['finance', 'statements', page],
    queryFn: () => unwrap(api.GET('/bank-statements', { params: { query: { page, pageSize: PAGE } } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * `GET /bank-statements/{id}`: the reconciliation report, lines from `fromLine` on (up to 5,000). While a
 * large statement is queued or running in the worker it is read again every two seconds.
 */
export function useStatementReport(id: string, fromLine: number) {
  return useQuery({
    queryKey: ['finance', 'statement', id, fromLine],
    queryFn: () =>
      unwrap(
        api.GET('/bank-statements/{id}', {
          params: { path: { id }, query: { fromLine, lineLimit: 5000 } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data && ['queued', 'running'].includes(query.state.data.status) ? 2000 : false,
  });
}

export function useMatchProposals(state: 'pending' | 'confirmed' | 'rejected' | 'void' = 'pending') {
  return useQuery({
    queryKey: ['finance', 'proposals', state],
    queryFn: () => unwrap(api.GET('/bank-statements/match-proposals', { params: { query: { state } } })),
  });
}

interface LineRef {
  importId: string;
  lineNo: number;
}

export function useProposeMatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ importId, lineNo, body }: LineRef & { body: S['ProposeMatchDto'] }) =>
      unwrap(
        api.POST('/bank-statements/{id}/lines/{lineNo}/match-proposals', {
          params: { path: { id: importId, lineNo } },
          body,
        }),
      ),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}

export function useDecideMatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      importId,
      lineNo,
      proposalId,
      decision,
      comment,
    }: LineRef & { proposalId: string; decision: 'confirm' | 'reject'; comment?: string }) =>
      decision === 'confirm'
        ? unwrap(
            api.POST('/bank-statements/{id}/lines/{lineNo}/match-proposals/{proposalId}/confirm', {
              params: { path: { id: importId, lineNo, proposalId } },
              body: comment ? { comment } : {},
            }),
          )
        : unwrap(
            api.POST('/bank-statements/{id}/lines/{lineNo}/match-proposals/{proposalId}/reject', {
              params: { path: { id: importId, lineNo, proposalId } },
              body: { comment: comment ?? '' },
            }),
          ),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['finance'] }),
  });
}

// ---- clawbacks and reports ---------------------------------------------------------------------

export function useClawbacks(page: number, state?: 'open' | 'settled') {
  return useQuery({
    queryKey: ['finance', 'clawbacks', page, state],
    queryFn: () => unwrap(api.GET('/clawbacks', { params: { query: { page, pageSize: PAGE, state } } })),
    placeholderData: keepPreviousData,
  });
}

export function useClawback(id: string | null) {
  return useQuery({
    queryKey: ['finance', 'clawback', id],
    queryFn: () => unwrap(api.GET('/clawbacks/{id}', { params: { path: { id: id as string } } })),
    enabled: !!id,
  });
}

export function useFinanceReport(fiscalYear?: number) {
  return useQuery({
    queryKey: ['finance', 'report', fiscalYear],
    queryFn: () => unwrap(api.GET('/finance-reports', { params: { query: { fiscalYear } } })),
    placeholderData: keepPreviousData,
  });
}

/** Every page of a paged list (pageSize 100), for a client-side export of a list the API has no CSV of. */
export async function allPages<T>(
  fetchPage: (page: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await fetchPage(page);
    out.push(...items);
    if (items.length === 0 || out.length >= total) return out;
  }
}

export const fetchPoolsPage = (page: number, fiscalYear?: number) =>
  unwrap(api.GET('/fund-pools', { params: { query: { page, pageSize: 100, fiscalYear } } }));
export const fetchLedgerPage = (id: string, page: number) =>
  unwrap(api.GET('/fund-pools/{id}/ledger', { params: { path: { id }, query: { page, pageSize: 100 } } }));
export const fetchBatchesPage = (page: number, state?: S['BatchState']) =>
  unwrap(api.GET('/disbursement-batches', { params: { query: { page, pageSize: 100, state } } }));
export const fetchStatementsPage = (page: number) =>
  unwrap(api.GET('/bank-statements', { params: { query: { page, pageSize: 100 } } }));
export const fetchClawbacksPage = (page: number, state?: 'open' | 'settled') =>
  unwrap(api.GET('/clawbacks', { params: { query: { page, pageSize: 100, state } } }));
