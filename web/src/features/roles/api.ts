import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../lib/api.js';
import type {
  Role,
  permissionListResponse,
  roleCreateBody,
  roleListResponse,
  roleUpdateBody,
} from '../../../../common/src/schemas/roles.js';

type RoleList = z.infer<typeof roleListResponse>;
type PermissionList = z.infer<typeof permissionListResponse>;
export type PermissionInfo = PermissionList['items'][number];
export type RoleCreateInput = z.input<typeof roleCreateBody>;
export type RoleUpdateInput = z.input<typeof roleUpdateBody>;

export const roleKeys = { all: ['roles'] as const, permissions: ['permissions'] as const };

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: roleKeys.all,
    queryFn: () => apiGet<RoleList>('/roles').then((r) => r.items),
    enabled,
    staleTime: 30_000,
  });
}

export function usePermissions(enabled = true) {
  return useQuery({
    queryKey: roleKeys.permissions,
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
