import type { Ctx } from '../../platform/context.js';
import { unitIdInScope } from '../../platform/scope.js';
import { nowIso, type Executor } from '../../db/database.js';
import type { UsersTable } from '../../db/schema.js';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  unit_id: number;
  unit_name: string;
  active: number;
  must_change_password: number;
  totp_secret: string | null;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  role_ids: number[];
}

export interface UserFilter {
  q?: string;
  unitId?: number;
  roleId?: number;
  active?: boolean;
}

function filtered(exec: Executor, ctx: Ctx, f: UserFilter) {
  let q = exec.selectFrom('users as u').innerJoin('units as un', 'un.id', 'u.unit_id').where(unitIdInScope(ctx, 'u.unit_id'));
  if (f.q) {
    // Case-insensitive on both databases (SQLite's LIKE already is for ASCII; PostgreSQL's is not).
    const like = `%${f.q.toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['u.username']), 'like', like), eb(eb.fn('lower', ['u.display_name']), 'like', like)]));
  }
  if (f.unitId) q = q.where('u.unit_id', '=', f.unitId);
  if (f.roleId) q = q.where('u.id', 'in', (eb) => eb.selectFrom('user_roles').select('user_id').where('role_id', '=', f.roleId!));
  if (f.active !== undefined) q = q.where('u.active', '=', f.active ? 1 : 0);
  return q;
}

const COLUMNS = [
  'u.id', 'u.username', 'u.display_name', 'u.unit_id', 'un.name as unit_name', 'u.active', 'u.must_change_password',
  'u.totp_secret', 'u.locked_until', 'u.last_login_at', 'u.created_at',
] as const;

async function withRoles(exec: Executor, rows: Omit<UserRow, 'role_ids'>[]): Promise<UserRow[]> {
  if (rows.length === 0) return [];
  const links = await exec.selectFrom('user_roles').select(['user_id', 'role_id']).where('user_id', 'in', rows.map((r) => r.id)).orderBy('role_id').execute();
  return rows.map((r) => ({ ...r, role_ids: links.filter((l) => l.user_id === r.id).map((l) => l.role_id) }));
}

export async function listUsersInScope(exec: Executor, ctx: Ctx, f: UserFilter, page: { afterId: number | null; limit: number }): Promise<UserRow[]> {
  let q = filtered(exec, ctx, f).select(COLUMNS);
  if (page.afterId !== null) q = q.where('u.id', '>', page.afterId);
  return withRoles(exec, await q.orderBy('u.id').limit(page.limit + 1).execute());
}

export async function countUsersInScope(exec: Executor, ctx: Ctx, f: UserFilter): Promise<number> {
  const row = await filtered(exec, ctx, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserInScope(exec: Executor, ctx: Ctx, id: number): Promise<UserRow | undefined> {
  const row = await filtered(exec, ctx, {}).select(COLUMNS).where('u.id', '=', id).executeTakeFirst();
  return row ? (await withRoles(exec, [row]))[0] : undefined;
}

export async function usernameTaken(exec: Executor, username: string): Promise<boolean> {
  return !!(await exec.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

export async function insertUser(
  exec: Executor,
  values: Pick<UsersTable, 'username' | 'display_name' | 'unit_id' | 'password_hash' | 'must_change_password'>,
  roleIds: number[],
): Promise<number> {
  const now = nowIso();
  const { id } = await exec
    .insertInto('users')
    .values({ ...values, active: 1, failed_logins: 0, locale: 'zh-CN', created_at: now, updated_at: now, password_changed_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setUserRoles(exec, id, roleIds);
  return id;
}

export async function updateUser(exec: Executor, id: number, values: Partial<Omit<UsersTable, 'id' | 'created_at'>>): Promise<void> {
  await exec.updateTable('users').set({ ...values, updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function setUserRoles(exec: Executor, userId: number, roleIds: number[]): Promise<void> {
  await exec.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roleIds.length) await exec.insertInto('user_roles').values([...new Set(roleIds)].map((role_id) => ({ user_id: userId, role_id }))).execute();
}
