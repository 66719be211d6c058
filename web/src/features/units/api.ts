import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiDelete, apiPatch, apiPost } from '../../lib/api.js';
import { unitKeys } from '../../lib/shared-queries.js';
import type { Unit, unitCreateBody, unitUpdateBody } from '../../../../common/src/schemas/units.js';

export type UnitCreateInput = z.input<typeof unitCreateBody>;
export type UnitUpdateInput = z.input<typeof unitUpdateBody>;

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
