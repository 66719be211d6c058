import type { Source } from '../../../../common/src/schemas/imports.js';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiDelete, apiGet, apiPatch, apiPost, apiPut } from '../../lib/api.js';
import type {
  Person,
  PersonCreateBody,
  PersonExportBody,
  PersonSort,
  PersonUpdateBody,
  duplicateCheckBody,
  duplicateCheckResponse,
  personCountResponse,
  personHistoryResponse,
  personListResponse,
  personSourcesResponse,
} from '../../../../common/src/schemas/persons.js';
import type { SavedView, SavedViewSaveBody } from '../../../../common/src/schemas/saved-views.js';
import { filtersToParams, type PersonFilters } from './filters.js';

export type PersonPage = z.infer<typeof personListResponse>;
type PersonCount = z.infer<typeof personCountResponse>;
type PersonHistoryPage = z.infer<typeof personHistoryResponse>;
type PersonSources = z.infer<typeof personSourcesResponse>;
export type DuplicateCheckInput = z.input<typeof duplicateCheckBody>;
export type DuplicateCandidate = z.infer<typeof duplicateCheckResponse>['items'][number];

export interface ListOrder {
  sort: PersonSort;
  order: 'asc' | 'desc';
}

export const personKeys = {
  all: ['persons'] as const,
  list: (filters: PersonFilters, order: ListOrder, cursor: string | null, limit: number) =>
    ['persons', 'list', filters, order, cursor, limit] as const,
  count: (filters: PersonFilters) => ['persons', 'count', filters] as const,
  detail: (id: number) => ['persons', 'detail', id] as const,
  history: (id: number) => ['persons', 'history', id] as const,
  sources: (id: number) => ['persons', 'sources', id] as const,
};

const withParams = (path: string, params: URLSearchParams) => {
  const s = params.toString();
  return s ? `${path}?${s}` : path;
};

export function usePersons(filters: PersonFilters, order: ListOrder, cursor: string | null, limit: number) {
  return useQuery({
    queryKey: personKeys.list(filters, order, cursor, limit),
    queryFn: () => {
      const params = filtersToParams(filters);
      params.set('sort', order.sort);
      params.set('order', order.order);
      if (cursor) params.set('cursor', cursor);
      params.set('limit', String(limit));
      return apiGet<PersonPage>(withParams('/persons', params));
    },
    placeholderData: keepPreviousData,
  });
}

/** The total for the filters: slower than a page on a big district, so asked for in parallel. */
export function usePersonCount(filters: PersonFilters) {
  return useQuery({
    queryKey: personKeys.count(filters),
    queryFn: () => apiGet<PersonCount>(withParams('/persons/count', filtersToParams(filters))).then((r) => r.total),
  });
}

const personQuery = (id: number) => ({
  queryKey: personKeys.detail(id),
  queryFn: () => apiGet<Person>(`/persons/${id}`),
});

export function usePerson(id: number | null) {
  return useQuery({ ...personQuery(id ?? 0), enabled: id !== null });
}

/** The person fresh from the server (for the edit drawer opened from the list). */
export function fetchPerson(qc: QueryClient, id: number): Promise<Person> {
  return qc.fetchQuery({ ...personQuery(id), staleTime: 0 });
}

export function usePersonHistory(id: number, enabled = true) {
  return useInfiniteQuery({
    queryKey: personKeys.history(id),
    queryFn: ({ pageParam }) => apiGet<PersonHistoryPage>(`/persons/${id}/history`, { cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function usePersonSources(id: number, enabled = true) {
  return useQuery({
    queryKey: personKeys.sources(id),
    queryFn: () => apiGet<PersonSources>(`/persons/${id}/sources`).then((r) => r.items),
    enabled,
  });
}

export function useRevealPerson() {
  return useMutation({
    mutationFn: ({ id, field, reason }: { id: number; field: 'residentId' | 'mobile'; reason: string }) =>
      apiPost<{ value: string | null }>(`/persons/${id}/reveal`, { field, reason }).then((r) => r.value),
  });
}

export function useDuplicateCheck() {
  return useMutation({
    mutationFn: (body: DuplicateCheckInput) =>
      apiPost<z.infer<typeof duplicateCheckResponse>>('/persons/duplicates', body).then((r) => r.items),
  });
}

function useInvalidatePersons() {
  const qc = useQueryClient();
  return (person?: Person) => {
    if (person) qc.setQueryData(personKeys.detail(person.id), person);
    void qc.invalidateQueries({ queryKey: personKeys.all });
  };
}

export function useCreatePerson() {
  const invalidate = useInvalidatePersons();
  return useMutation({ mutationFn: (body: PersonCreateBody) => apiPost<Person>('/persons', body), onSuccess: invalidate });
}

export function useUpdatePerson() {
  const invalidate = useInvalidatePersons();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: PersonUpdateBody }) => apiPatch<Person>(`/persons/${id}`, body),
    onSuccess: invalidate,
  });
}

// ---- Saved views ----

const viewKeys = { all: ['savedViews', 'persons'] as const };

/** What a saved view of the person list keeps: the list's URL query and the columns shown. */
export interface PersonViewState {
  query: string;
  columns: string[];
}

/** Who supplied lists (member units, platforms, towns' surveys): the list's source filter. */
export function useSources() {
  return useQuery({
    queryKey: ['sources'],
    queryFn: () => apiGet<{ items: Source[] }>('/sources').then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useSavedViews() {
  return useQuery({
    queryKey: viewKeys.all,
    queryFn: () => apiGet<{ items: SavedView[] }>('/saved-views', { module: 'persons' }).then((r) => r.items),
  });
}

export function useSaveView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, state }: { name: string; state: PersonViewState }) =>
      apiPut<SavedView>('/saved-views', { module: 'persons', name, state: { ...state } } satisfies SavedViewSaveBody),
    onSuccess: () => void qc.invalidateQueries({ queryKey: viewKeys.all }),
  });
}

export function useDeleteView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiDelete<{ ok: true }>(`/saved-views/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: viewKeys.all }),
  });
}

// ---- Export ----

export type PersonExportInput = PersonExportBody;

/** The result of a finished export job. */
export interface PersonExportResult {
  fileId: number;
  fileName: string;
  rows: number;
}

export function useStartExport() {
  return useMutation({
    mutationFn: (body: PersonExportInput) => apiPost<{ jobId: number }>('/persons/export', body).then((r) => r.jobId),
  });
}
