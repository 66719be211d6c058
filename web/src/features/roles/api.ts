import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../lib/api.js';
import { roleKeys } from '../../lib/shared-queries.js';
import type { Role, permissionListResponse, roleCreateBody, roleUpdateBody } from '../../../../common/src/schemas/roles.js';

type PermissionList = z.infer<typeof permissionListResponse>;
export type PermissionInfo = PermissionList['items'][number];
export type RoleCreateInput = z.input<typeof roleCreateBody>;
export type RoleUpdateInput = z.input<typeof roleUpdateBody>;

const permissionsKey = ['permissions'] as const;

export function usePermissions(enabled = true) {
  return useQuery({
    queryKey: permissionsKey,
    queryFn: () => apiGet<PermissionList>('/permissions').then((r) => r.items),
    enabled,
    staleTime: Infinity,
  });
}

export function useCreateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RoleCreateInput) => apiPost<Role>('/roles', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export function useUpdateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: RoleUpdateInput }) => apiPatch<Role>(`/roles/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export function useDeleteRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiDelete<{ ok: true }>(`/roles/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: roleKeys.all }),
  });
}
