import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../lib/api.js';
import type { Unit, unitCreateBody, unitListResponse, unitUpdateBody } from '../../../../common/src/schemas/units.js';

type UnitList = z.infer<typeof unitListResponse>;
export type UnitCreateInput = z.input<typeof unitCreateBody>;
export type UnitUpdateInput = z.input<typeof unitUpdateBody>;

export const unitKeys = { all: ['units'] as const };

/** The user's scope subtree as a flat list, deactivated units included. */
export function useUnits(enabled = true) {
  return useQuery({
    queryKey: unitKeys.all,
    queryFn: () => apiGet<UnitList>('/units', { includeInactive: true }).then((r) => r.items),
    enabled,
    staleTime: 30_000,
  });
}

export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitCreateInput) => apiPost<Unit>('/units', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: unitKeys.all }),
  });
}

export function useUpdateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UnitUpdateInput }) => apiPatch<Unit>(`/units/${id}`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: unitKeys.all });
      // Account lists show unit names.
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

export function useDeleteUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiDelete<{ ok: true }>(`/units/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: unitKeys.all }),
  });
}
