import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet, apiPatch, apiPost } from '../../lib/api.js';
import type { User, userCreateBody, userListResponse, userUpdateBody } from '../../../../common/src/schemas/users.js';

type UserPage = z.infer<typeof userListResponse>;
export type UserCreateInput = z.input<typeof userCreateBody>;
export type UserUpdateInput = z.input<typeof userUpdateBody>;

export interface UserFilters {
  q?: string;
  unitId?: number;
  roleId?: number;
  active?: 'true' | 'false';
}

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters, cursor: string | null, limit: number) => ['users', 'list', filters, cursor, limit] as const,
};

export function useUsers(filters: UserFilters, cursor: string | null, limit: number) {
  return useQuery({
    queryKey: userKeys.list(filters, cursor, limit),
    queryFn: () => apiGet<UserPage>('/users', { ...filters, cursor, limit }),
    placeholderData: keepPreviousData,
  });
}

/** Invalidates account lists and roles (their user counts change with accounts). */
function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: userKeys.all });
    void qc.invalidateQueries({ queryKey: ['roles'] });
  };
}

export function useCreateUser() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: UserCreateInput) => apiPost<User>('/users', body), onSuccess: invalidate });
}

export function useUpdateUser() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UserUpdateInput }) => apiPatch<User>(`/users/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) =>
      apiPost<User>(`/users/${id}/reset-password`, { password }),
    onSuccess: invalidate,
  });
}

export function useUnlockUser() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: number) => apiPost<User>(`/users/${id}/unlock`), onSuccess: invalidate });
}

export function useResetTotp() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: number) => apiPost<User>(`/users/${id}/reset-totp`), onSuccess: invalidate });
}
