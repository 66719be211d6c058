import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet, apiPost, apiPut, apiUpload } from '../../lib/api.js';
import type {
  ImportBatch,
  ImportPreview,
  MappingBody,
  commitResponse,
  importBatchListResponse,
  sourceListResponse,
} from '../../../../common/src/schemas/imports.js';

type SourceList = z.infer<typeof sourceListResponse>;
type BatchPage = z.infer<typeof importBatchListResponse>;
type CommitResponse = z.infer<typeof commitResponse>;

/** Largest file the server takes (it answers 400 beyond it; checking first saves a long upload). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const TEMPLATE_URL = '/api/v1/imports/template';
export const fileUrl = (fileId: number) => `/api/v1/files/${fileId}`;

export type PreviewFilter = 'all' | 'problems';

export interface PreviewPage {
  offset: number;
  limit: number;
  filter: PreviewFilter;
  /** One problem ("residentId.checksum") to narrow the problem rows to. */
  problem?: string;
}

/** The first page of all rows: what the mapping step shows and where the preview starts. */
export const FIRST_PAGE: PreviewPage = { offset: 0, limit: 50, filter: 'all' };

/** An upload's or mapping change's answer, cut to the first page so it can seed that page's cache. */
function firstPageOf(preview: ImportPreview): ImportPreview {
  return { ...preview, rows: preview.rows.slice(0, FIRST_PAGE.limit) };
}

export const importKeys = {
  all: ['imports'] as const,
  sources: ['imports', 'sources'] as const,
  list: (cursor: string | null, limit: number) => ['imports', 'list', cursor, limit] as const,
  batch: (id: number) => ['imports', 'batch', id] as const,
  preview: (id: number) => ['imports', 'preview', id] as const,
  previewPage: (id: number, page: PreviewPage) => ['imports', 'preview', id, page] as const,
};

/** The sources that have supplied lists before (for the source picker). */
export function useSources() {
  return useQuery({
    queryKey: importKeys.sources,
    queryFn: () => apiGet<SourceList>('/sources').then((r) => r.items),
    staleTime: 60_000,
  });
}

/** The import history in the user's scope, newest first. */
export function useImportBatches(cursor: string | null, limit: number) {
  return useQuery({
    queryKey: importKeys.list(cursor, limit),
    queryFn: () => apiGet<BatchPage>('/imports', { cursor, limit }),
    placeholderData: keepPreviousData,
  });
}

/** One batch; polled while its job is queued so the wizard moves on when it has finished. */
export function useImportBatch(id: number) {
  return useQuery({
    queryKey: importKeys.batch(id),
    queryFn: () => apiGet<ImportBatch>(`/imports/${id}`),
    refetchInterval: (query) => (query.state.data?.status === 'queued' ? 3000 : false),
  });
}

/** A page of a draft batch's preview (columns, totals, problems and the rows asked for). */
export function useImportPreview(id: number, page: PreviewPage, enabled = true) {
  return useQuery({
    queryKey: importKeys.previewPage(id, page),
    queryFn: () => apiGet<ImportPreview>(`/imports/${id}/preview`, { ...page }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Uploads a file for a source (a new source name creates the source); answers with the first preview. */
export function useUploadImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, source }: { file: File; source: string }) =>
      apiUpload<ImportPreview>('/imports', file, { fileName: file.name, source }),
    onSuccess: (preview) => {
      qc.setQueryData(importKeys.batch(preview.batch.id), preview.batch);
      qc.setQueryData(importKeys.previewPage(preview.batch.id, FIRST_PAGE), firstPageOf(preview));
      void qc.invalidateQueries({ queryKey: importKeys.sources });
      void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

/** Another sheet, another header row or a corrected column: the preview is recomputed. */
export function useUpdateMapping(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MappingBody) => apiPut<ImportPreview>(`/imports/${id}/mapping`, body),
    onSuccess: (preview) => {
      qc.setQueryData(importKeys.batch(id), preview.batch);
      // The first page is the answer itself; every other cached page of the old preview is stale now.
      const first = importKeys.previewPage(id, FIRST_PAGE);
      qc.setQueryData(first, firstPageOf(preview));
      void qc.invalidateQueries({
        queryKey: importKeys.preview(id),
        predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(first),
      });
    },
  });
}

/** Starts the all-or-nothing import job. */
export function useCommitImport(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<CommitResponse>(`/imports/${id}/commit`),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: importKeys.batch(id) });
      void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

/** After the job has finished: the batch's final counts, the history, the source counts. */
export function useRefreshAfterImport(id: number) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: importKeys.batch(id) });
    void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    void qc.invalidateQueries({ queryKey: importKeys.sources });
    void qc.invalidateQueries({ queryKey: ['persons'] });
  };
}
