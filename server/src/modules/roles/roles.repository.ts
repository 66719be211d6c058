import { nowIso, type Executor } from '../../db/database.js';
import type { RolesTable } from '../../db/schema.js';
import { BUILT_IN_ROLES, isPermission, type BuiltInRoleCode, type Permission } from '../../../../common/src/permissions.js';

export interface RoleRow {
  id: number;
  code: string;
  name: string;
  name_en: string;
  built_in: number;
  permissions: Permission[];
  require_totp: number;
  user_count: number;
}

function parsePermissions(json: string): Permission[] {
  return (JSON.parse(json) as string[]).filter(isPermission);
}

function selectRoles(exec: Executor) {
  return exec
    .selectFrom('roles as r')
    .selectAll('r')
    .select((eb) => eb.selectFrom('user_roles as ur').select((e) => e.fn.countAll<number>().as('n')).whereRef('ur.role_id', '=', 'r.id').as('user_count'));
}

function toRoleRow(r: Omit<RolesTable, 'id'> & { id: number; user_count: number | null }): RoleRow {
  return { ...r, permissions: parsePermissions(r.permissions), user_count: Number(r.user_count ?? 0) };
}

export async function listRoles(exec: Executor): Promise<RoleRow[]> {
  const rows = await selectRoles(exec).orderBy('r.built_in', 'desc').orderBy('r.id').execute();
  return rows.map(toRoleRow);
}

export async function findRole(exec: Executor, id: number): Promise<RoleRow | undefined> {
  const row = await selectRoles(exec).where('r.id', '=', id).executeTakeFirst();
  return row ? toRoleRow(row) : undefined;
}

export async function findRolesByIds(exec: Executor, ids: number[]): Promise<{ id: number; permissions: Permission[]; require_totp: number }[]> {
  if (ids.length === 0) return [];
  const rows = await exec.selectFrom('roles').select(['id', 'permissions', 'require_totp']).where('id', 'in', ids).execute();
  return rows.map((r) => ({ ...r, permissions: parsePermissions(r.permissions) }));
}

export async function findRoleIdByCode(exec: Executor, code: string): Promise<number | undefined> {
  return (await exec.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

export async function insertRole(exec: Executor, values: Omit<RolesTable, 'id' | 'created_at' | 'updated_at'>): Promise<number> {
  const now = nowIso();
  const { id } = await exec.insertInto('roles').values({ ...values, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateRole(exec: Executor, id: number, values: Partial<Pick<RolesTable, 'name' | 'name_en' | 'permissions' | 'require_totp'>>): Promise<void> {
  await exec.updateTable('roles').set({ ...values, updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function deleteRole(exec: Executor, id: number): Promise<void> {
  await exec.deleteFrom('roles').where('id', '=', id).execute();
}

/** For each user holding `roleId`: the permissions of their *other* roles. */
export async function otherRolePermissionsOfHolders(exec: Executor, roleId: number): Promise<Permission[][]> {
  const rows = await exec
    .selectFrom('user_roles as mine')
    .innerJoin('user_roles as other', 'other.user_id', 'mine.user_id')
    .innerJoin('roles as r', 'r.id', 'other.role_id')
    .select(['mine.user_id', 'r.permissions'])
    .where('mine.role_id', '=', roleId)
    .where('other.role_id', '!=', roleId)
    .execute();
  const byUser = new Map<number, Permission[]>();
  for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), ...parsePermissions(r.permissions)]);
  return [...byUser.values()];
}

/** Built-in roles follow the code: their permission sets are rewritten at every start. */
export async function syncBuiltInRoles(exec: Executor): Promise<void> {
  for (const [code, permissions] of Object.entries(BUILT_IN_ROLES) as [BuiltInRoleCode, readonly Permission[]][]) {
    const existing = await exec.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirst();
    if (existing) await updateRole(exec, existing.id, { permissions: JSON.stringify(permissions) });
    else await insertRole(exec, { code, name: BUILT_IN_ROLE_NAMES[code][0], name_en: BUILT_IN_ROLE_NAMES[code][1], built_in: 1, permissions: JSON.stringify(permissions), require_totp: 0 });
  }
}

const BUILT_IN_ROLE_NAMES: Record<BuiltInRoleCode, [string, string]> = {
  district_staff: ['统战部干部', 'District UFWD staff'],
  leader: ['领导', 'Leader'],
  town_officer: ['镇街统战委员', 'Town united-front officer'],
  community_worker: ['社区工作者', 'Community worker'],
  member_handler: ['成员单位经办人', 'Member-unit handler'],
  system_admin: ['系统管理员', 'System administrator'],
  security_admin: ['安全管理员', 'Security administrator'],
  audit_admin: ['审计管理员', 'Audit administrator'],
  portal_person: ['群众用户', 'Portal user'],
};
