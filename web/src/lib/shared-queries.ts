import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { unitListResponse } from '../../../common/src/schemas/units.js';
import type { roleListResponse } from '../../../common/src/schemas/roles.js';
import { apiGet } from './api.js';

// Read queries that several features need (the org tree for unit pickers and names, the roles for
// account forms and lists). Each owning feature's api.ts keeps its writes, which invalidate these keys.

type UnitList = z.infer<typeof unitListResponse>;
type RoleList = z.infer<typeof roleListResponse>;

export const unitKeys = { all: ['units'] as const };
export const roleKeys = { all: ['roles'] as const };

/** The user's scope subtree as a flat list, deactivated units included. */
export function useUnits(enabled = true) {
  return useQuery({
    queryKey: unitKeys.all,
    queryFn: () => apiGet<UnitList>('/units', { includeInactive: true }).then((r) => r.items),
    enabled,
    staleTime: 30_000,
  });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: roleKeys.all,
    queryFn: () => apiGet<RoleList>('/roles').then((r) => r.items),
    enabled,
    staleTime: 30_000,
  });
}
