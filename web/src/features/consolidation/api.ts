import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet, apiPost } from '../../lib/api.js';
import type {
  Decision,
  Headcount,
  PairSide,
  PairStatus,
  PersonMerge,
  ReviewPair,
  bulkAcceptResponse,
  decisionResponse,
  linkRunsResponse,
  mergeResponse,
  reviewPageResponse,
  undoResponse,
} from '../../../../common/src/schemas/consolidation.js';

export type ReviewPage = z.infer<typeof reviewPageResponse>;
export type LinkRuns = z.infer<typeof linkRunsResponse>;
export type DecisionResult = z.infer<typeof decisionResponse>;
export type BulkAcceptResult = z.infer<typeof bulkAcceptResponse>;
export type { ReviewPair, PairSide, PairStatus, PersonMerge, Headcount };

/** What a finished consolidation job returns (the server's ConsolidateResult; only what the page shows). */
export interface RunResult {
  runId: number;
  linkedRecords: number;
  mergedPersons: number;
  createdPersons: number;
  reviewPairs: number;
  personsBefore: number;
  personsAfter: number;
  seconds: number;
}

export const consolidationKeys = {
  all: ['consolidation'] as const,
  review: (status: PairStatus, cursor: string | null, limit: number) => ['consolidation', 'review', status, cursor, limit] as const,
  reviewTotal: (status: PairStatus) => ['consolidation', 'review', status, 'total'] as const,
  runs: ['consolidation', 'runs'] as const,
  headcount: ['consolidation', 'headcount'] as const,
};

// Under 'persons', so whatever refreshes a person (edit, merge, undo) refreshes its merges too.
export const mergesKey = (personId: number) => ['persons', 'merges', personId] as const;

export function useReviewPage(status: PairStatus, cursor: string | null, limit: number) {
  return useQuery({
    queryKey: consolidationKeys.review(status, cursor, limit),
    queryFn: () => apiGet<ReviewPage>('/consolidation/review', { status, cursor, limit }),
    placeholderData: keepPreviousData,
  });
}

/** The number of pairs with a status (for the tabs' counts): one pair asked for, only the total kept. */
export function useReviewTotal(status: PairStatus) {
  return useQuery({
    queryKey: consolidationKeys.reviewTotal(status),
    queryFn: () => apiGet<ReviewPage>('/consolidation/review', { status, limit: 1 }).then((r) => r.total),
  });
}

export function useDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: Decision }) =>
      apiPost<DecisionResult>(`/consolidation/review/${id}/decision`, { decision }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: consolidationKeys.all });
      if (r.mergeId !== null) void qc.invalidateQueries({ queryKey: ['persons'] });
    },
  });
}

export function useBulkAccept() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (minWeight: number) => apiPost<BulkAcceptResult>('/consolidation/review/accept', { minWeight }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: consolidationKeys.all });
      void qc.invalidateQueries({ queryKey: ['persons'] });
    },
  });
}

export function useRuns(enabled: boolean) {
  return useQuery({ queryKey: consolidationKeys.runs, queryFn: () => apiGet<LinkRuns>('/consolidation/runs'), enabled });
}

export function useStartRun() {
  return useMutation({ mutationFn: () => apiPost<{ jobId: number }>('/consolidation/runs').then((r) => r.jobId) });
}

export function useHeadcount() {
  return useQuery({ queryKey: consolidationKeys.headcount, queryFn: () => apiGet<Headcount>('/consolidation/headcount') });
}

export function usePersonMerges(personId: number) {
  return useQuery({
    queryKey: mergesKey(personId),
    queryFn: () => apiGet<{ items: PersonMerge[] }>(`/persons/${personId}/merges`).then((r) => r.items),
  });
}

export function useUndoMerge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ mergeId, reason }: { mergeId: number; reason: string }) =>
      apiPost<z.infer<typeof undoResponse>>(`/person-merges/${mergeId}/undo`, { reason }),
    onSuccess: () => {
      // The survivor's fields, sources and history change, the restored person is back in lists and counts.
      void qc.invalidateQueries({ queryKey: ['persons'] });
      void qc.invalidateQueries({ queryKey: consolidationKeys.all });
    },
  });
}

export function useMergePerson() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, otherId, reason }: { id: number; otherId: number; reason: string }) =>
      apiPost<z.infer<typeof mergeResponse>>(`/persons/${id}/merge`, { otherId, reason }),
    onSuccess: (_r, v) => {
      // The merged person answers 404 from now on: drop it rather than refetch it.
      qc.removeQueries({ queryKey: ['persons', 'detail', v.otherId] });
      void qc.invalidateQueries({ queryKey: ['persons'] });
      void qc.invalidateQueries({ queryKey: consolidationKeys.all });
    },
  });
}
