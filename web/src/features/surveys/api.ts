import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet, apiPost } from '../../lib/api.js';
import type {
  Campaign,
  SurveyItem,
  SurveyItemStatus,
  SurveyOutcome,
  campaignsResponse,
  progressResponse,
  surveyItemsResponse,
} from '../../../../common/src/schemas/surveys.js';

export type SurveyProgress = z.infer<typeof progressResponse>;
export type SurveyItemPage = z.infer<typeof surveyItemsResponse>;

export interface ItemFilter {
  status?: SurveyItemStatus;
  townId?: number;
}

export const surveyKeys = {
  all: ['surveys'] as const,
  list: ['surveys', 'list'] as const,
  campaign: (id: number) => ['surveys', 'campaign', id] as const,
  progress: (id: number) => ['surveys', 'campaign', id, 'progress'] as const,
  items: (id: number) => ['surveys', 'campaign', id, 'items'] as const,
  itemPage: (id: number, filter: ItemFilter, cursor: string | null, limit: number) =>
    ['surveys', 'campaign', id, 'items', filter, cursor, limit] as const,
};

/** Every campaign, newest first (at most one open). */
export function useCampaigns() {
  return useQuery({
    queryKey: surveyKeys.list,
    queryFn: () => apiGet<z.infer<typeof campaignsResponse>>('/surveys').then((r) => r.items),
  });
}

/** The campaign's counts per town, limited to the caller's scope. */
export function useProgress(id: number | null) {
  return useQuery({
    queryKey: surveyKeys.progress(id ?? 0),
    queryFn: () => apiGet<SurveyProgress>(`/surveys/${id}/progress`),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSurveyItems(id: number | null, filter: ItemFilter, cursor: string | null, limit: number) {
  return useQuery({
    queryKey: surveyKeys.itemPage(id ?? 0, filter, cursor, limit),
    queryFn: () => apiGet<SurveyItemPage>(`/surveys/${id}/items`, { status: filter.status, townId: filter.townId, cursor, limit }),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

export function useOpenCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiPost<Campaign>('/surveys', { name }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export function useCloseCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiPost<Campaign>(`/surveys/${id}/close`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export interface VerifyInput {
  campaignId: number;
  item: SurveyItem;
  status: SurveyOutcome;
  note: string;
}

/**
 * Records an outcome. The row shown changes at once (with the verifier and time) and stays where it
 * is, so the officer sees what was done and can change it; the lists are marked stale and load afresh
 * on the next page, tab or refresh. Progress and the person registry reload now.
 */
export function useVerifyItem(verifierName: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ campaignId, item, status, note }: VerifyInput) =>
      apiPost<{ ok: true }>(`/surveys/${campaignId}/items/${item.id}`, { status, note }),
    onSuccess: (_r, { campaignId, item, status, note }) => {
      const verifiedAt = new Date().toISOString();
      qc.setQueriesData<SurveyItemPage>({ queryKey: surveyKeys.items(campaignId) }, (page) =>
        page && {
          ...page,
          items: page.items.map((i) => (i.id === item.id ? { ...i, status, note, verifiedByName: verifierName, verifiedAt } : i)),
        },
      );
      void qc.invalidateQueries({ queryKey: surveyKeys.items(campaignId), refetchType: 'none' });
      void qc.invalidateQueries({ queryKey: surveyKeys.progress(campaignId) });
      void qc.invalidateQueries({ queryKey: ['persons'] });
      void qc.invalidateQueries({ queryKey: ['workbench'] });
    },
  });
}
