import { createHash, randomBytes } from 'node:crypto';
import type { Permission } from '../../../common/src/permissions.js';
import { isPermission } from '../../../common/src/permissions.js';
import type { SessionStage } from '../../../common/src/schemas/auth.js';
import { nowIso, type Executor } from '../db/database.js';
import { isLocale, type Locale } from '../../../common/src/i18n/locale.js';
import type { Actor } from './context.js';

// Sessions live in the database (several app processes can share them). The cookie holds a random
// token; the table holds only its SHA-256.

export const SESSION_COOKIE = 'tx_sid';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoadedSession {
  id: string;
  csrfToken: string;
  stage: SessionStage;
  createdAt: string;
  lastSeenAt: string;
  user: {
    id: number;
    username: string;
    displayName: string;
    unitId: number;
    unitPath: string;
    locale: string;
  };
  permissions: Set<Permission>;
}

export async function createSession(
  exec: Executor,
  userId: number,
  stage: SessionStage,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const now = nowIso();
  await exec
    .insertInto('sessions')
    .values({ id: sessionIdOf(token), user_id: userId, csrf_token: csrfToken, stage, created_at: now, last_seen_at: now, ip: meta.ip, user_agent: meta.userAgent?.slice(0, 300) ?? null })
    .execute();
  return { token, csrfToken };
}

export async function loadSession(exec: Executor, token: string): Promise<LoadedSession | null> {
  const row = await exec
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select([
      's.id', 's.csrf_token', 's.stage', 's.created_at', 's.last_seen_at',
      'u.id as user_id', 'u.username', 'u.display_name', 'u.unit_id', 'u.locale', 'u.active',
      'un.path as unit_path',
    ])
    .where('s.id', '=', sessionIdOf(token))
    .executeTakeFirst();
  if (!row || !row.active) return null;
  const permissions = await userPermissions(exec, row.user_id);
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    stage: row.stage as SessionStage,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    user: { id: row.user_id, username: row.username, displayName: row.display_name, unitId: row.unit_id, unitPath: row.unit_path, locale: row.locale },
    permissions,
  };
}

/** An active user as an actor outside any session (a job acting on their behalf). */
export async function actorForUser(exec: Executor, userId: number, sessionId: string): Promise<(Actor & { locale: Locale }) | null> {
  const row = await exec
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.unit_id', 'u.locale', 'u.active', 'un.path as unit_path'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row || !row.active) return null;
  return {
    kind: 'user',
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    permissions: await userPermissions(exec, row.id),
    sessionId,
    stage: 'full',
    locale: isLocale(row.locale) ? row.locale : 'zh-CN',
  };
}

export async function userPermissions(exec: Executor, userId: number): Promise<Set<Permission>> {
  const roles = await exec
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select('r.permissions')
    .where('ur.user_id', '=', userId)
    .execute();
  const set = new Set<Permission>();
  for (const r of roles) for (const p of JSON.parse(r.permissions) as string[]) if (isPermission(p)) set.add(p);
  return set;
}

export async function touchSession(exec: Executor, id: string): Promise<void> {
  await exec.updateTable('sessions').set({ last_seen_at: nowIso() }).where('id', '=', id).execute();
}

export async function setSessionStage(exec: Executor, id: string, stage: SessionStage): Promise<void> {
  await exec.updateTable('sessions').set({ stage }).where('id', '=', id).execute();
}

export async function deleteSession(exec: Executor, id: string): Promise<void> {
  await exec.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user except, optionally, the current one (password change, lock-out). */
export async function deleteUserSessions(exec: Executor, userId: number, exceptId?: string): Promise<void> {
  let q = exec.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}
