import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet, apiPost, withQuery } from '../../lib/api.js';
import type { auditListResponse } from '../../../../common/src/schemas/audit.js';
import type { Job } from '../../../../common/src/schemas/jobs.js';

type AuditPage = z.infer<typeof auditListResponse>;

export interface AuditFilters {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  outcome?: 'success' | 'failure' | 'denied';
  objectType?: string;
  objectId?: string;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters, cursor: string | null, limit: number) => ['audit', 'list', filters, cursor, limit] as const,
};

export function useAuditLog(filters: AuditFilters, cursor: string | null, limit: number) {
  return useQuery({
    queryKey: auditKeys.list(filters, cursor, limit),
    queryFn: () => apiGet<AuditPage>('/audit', { ...filters, cursor, limit }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV download address for the filters (a plain link: the browser handles the download). */
export function auditExportUrl(filters: AuditFilters): string {
  return `/api/v1${withQuery('/audit/export', { ...filters })}`;
}

export function useStartAuditVerify() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<Job>('/audit/verify'),
    // Starting a verification is itself logged.
    onSuccess: () => qc.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
