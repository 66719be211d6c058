import { nowIso, type Executor } from '../../db/database.js';

export interface LoginUserRow {
  id: number;
  username: string;
  password_hash: string;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_last_step: number | null;
  must_change_password: number;
}

export async function findLoginUser(exec: Executor, username: string): Promise<LoginUserRow | undefined> {
  return exec
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'active', 'failed_logins', 'locked_until', 'totp_secret', 'totp_last_step', 'must_change_password'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function findUserSecrets(exec: Executor, id: number) {
  return exec
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'totp_secret', 'totp_pending_secret', 'totp_last_step', 'must_change_password'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function roleRequiresTotp(exec: Executor, userId: number): Promise<boolean> {
  const row = await exec
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select('r.id')
    .where('ur.user_id', '=', userId)
    .where('r.require_totp', '=', 1)
    .executeTakeFirst();
  return !!row;
}

export async function recordLoginSuccess(exec: Executor, userId: number, ip: string | null): Promise<void> {
  const user = await exec.selectFrom('users').select(['last_login_at', 'last_login_ip']).where('id', '=', userId).executeTakeFirstOrThrow();
  await exec
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, prev_login_at: user.last_login_at, prev_login_ip: user.last_login_ip, last_login_at: nowIso(), last_login_ip: ip })
    .where('id', '=', userId)
    .execute();
}

/** Counts one more failure in the database itself, so that concurrent guesses each count; returns the new count. */
export async function incrementFailedLogins(exec: Executor, userId: number): Promise<number> {
  const row = await exec
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return Number(row.failed_logins);
}

export async function lockLogin(exec: Executor, userId: number, lockedUntil: string): Promise<void> {
  await exec.updateTable('users').set({ failed_logins: 0, locked_until: lockedUntil }).where('id', '=', userId).execute();
}

export async function loadMe(exec: Executor, userId: number) {
  const user = await exec
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.locale', 'u.totp_secret', 'un.id as unit_id', 'un.name as unit_name', 'un.kind as unit_kind', 'un.path as unit_path', 'u.prev_login_at', 'u.prev_login_ip'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  const roles = await exec
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select(['r.id', 'r.code', 'r.name', 'r.name_en', 'r.require_totp'])
    .where('ur.user_id', '=', userId)
    .orderBy('r.id')
    .execute();
  return { user, roles };
}
